package io.pollen.reactor;

/**
 * Told when the reactor turns a connection away or pauses accepting, so an application can shed
 * load, alert, or export a metric.
 *
 * <p>Called on a loop thread; it must return quickly and must not block.
 */
@FunctionalInterface
public interface OverloadListener {

    /** A listener that does nothing; overloads are still counted and logged. */
    OverloadListener NONE = (reason, detail) -> {
    };

    /**
     * @param reason what happened
     * @param detail a human-readable explanation (the descriptor, the limit, the remedy)
     */
    void onOverload(OverloadReason reason, String detail);
}
