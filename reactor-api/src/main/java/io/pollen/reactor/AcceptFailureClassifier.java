package io.pollen.reactor;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Tells why {@code accept} failed, without reading the failure's message: the JDK's message is the
 * C library's {@code strerror} text, which follows the process locale ("Trop de fichiers ouverts").
 * Instead it asks the condition itself: can this process still open a descriptor? If not, the
 * process or the system is out of descriptors (EMFILE, ENFILE; also ENOBUFS/ENOMEM, which starve a
 * new socket the same way) and accepting must pause. If it can, the failure belonged to the one
 * connection being accepted (ECONNABORTED: the peer reset it while it waited in the backlog;
 * EPROTO; EPERM from a firewall): that connection is skipped and accepting goes on.
 *
 * <p>A probe that succeeds just after descriptors were freed classifies a real exhaustion as
 * transient once; the next {@code accept} then succeeds or fails again and is classified again.
 *
 * <p>Stateless; the probe runs on the caller's thread (the acceptor's loop).
 */
final class AcceptFailureClassifier {
    /** Whether a new descriptor can be opened now; opens one and closes it. */
    @FunctionalInterface
    interface DescriptorProbe {
        boolean canOpenDescriptor();
    }

    /** Opens an unconnected socket, the same kind of descriptor {@code accept} needs. */
    static final DescriptorProbe SOCKET_PROBE = () -> {
        try (SocketChannel probe = SocketChannel.open()) {
            return probe.isOpen();
        } catch (IOException e) {
            return false;
        }
    };

    private final DescriptorProbe probe;

    AcceptFailureClassifier(DescriptorProbe probe) {
        this.probe = probe;
    }

    /**
     * @param failure what {@code accept} threw; its message is not looked at
     * @return {@link OverloadReason#DESCRIPTORS_EXHAUSTED} (pause accepting) or
     *         {@link OverloadReason#ACCEPT_FAILED} (skip this connection, keep accepting)
     */
    OverloadReason classify(IOException failure) {
        return probe.canOpenDescriptor() ? OverloadReason.ACCEPT_FAILED : OverloadReason.DESCRIPTORS_EXHAUSTED;
    }
}
