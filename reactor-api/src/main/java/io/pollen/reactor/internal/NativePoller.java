package io.pollen.reactor.internal;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;

import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * What every native {@link Poller} does the same way, around a mechanism its subclass supplies
 * ({@code EpollPoller}, {@code PollPoller}, {@code SelectPoller}): the availability check, the
 * wake-up eventfd and the open/closed state it carries, the argument checks of every method, and
 * which tokens are registered, with their descriptor and interest.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Each hook is called only once the checks have passed: the poller is open, the arguments are
 *       valid, the token is free ({@link #watch}) or registered ({@link #changeInterest},
 *       {@link #unwatch}), and the interest really changes ({@link #changeInterest}).</li>
 *   <li>A registration or change is recorded only after its hook returns, so a hook that throws
 *       (a refused {@code epoll_ctl}, a descriptor beyond {@code FD_SETSIZE}) leaves the poller as
 *       it was. A deregistration is forgotten before {@link #unwatch} runs, as the engine closes the
 *       channel next whatever happens.</li>
 *   <li>{@link #close()} closes the wake-up once, then calls {@link #releaseMechanism()} once.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * As {@link Poller}: every method but {@link #wakeup()} MUST be called on the owning loop thread, and
 * so every hook runs there; {@link #wakeup()} is safe from any thread, also during or after
 * {@link #close()}.
 */
public abstract class NativePoller implements Poller {
    private static final int NO_FD = -1;

    private final NativeWakeup wakeup;
    private final IntByToken fdByToken = new IntByToken(NO_FD);
    private final IntByToken interestByToken = new IntByToken(Interest.NONE);

    /**
     * Checks that the backend works, then opens the wake-up eventfd.
     *
     * @param alias              the backend's alias, for messages
     * @param availability the backend's availability, decided once
     * @throws IOException          if the system refuses the eventfd
     * @throws UnsatisfiedLinkError if the backend is unavailable, carrying why
     */
    protected NativePoller(String alias, NativeAvailability availability) throws IOException {
        availability.ensure();
        wakeup = NativeWakeup.open(alias + " poller");
    }

    @Override
    public final void register(SelectableChannel channel, int token, int interest) throws IOException {
        wakeup.ensureOpen();
        RegistrationArguments.check(channel, token, interest);
        fdByToken.requireAbsent(token);
        int fd = NativeIo.channelFd(channel);
        watch(token, fd, interest);
        fdByToken.put(token, fd);
        interestByToken.put(token, interest);
    }

    @Override
    public final void modify(int token, int interest) throws IOException {
        Interest.validate(interest);
        wakeup.ensureOpen();
        int fd = fdByToken.require(token);
        int old = interestByToken.get(token);
        if (old != interest) {
            changeInterest(token, fd, old, interest);
            interestByToken.put(token, interest);
        }
    }

    @Override
    public final void deregister(int token) throws IOException {
        wakeup.ensureOpen();
        int fd = fdByToken.remove(token);
        if (fd != NO_FD) {
            unwatch(token, fd, interestByToken.remove(token));
        }
    }

    @Override
    public final int poll(long timeoutNanos, ReadyHandler handler) throws IOException {
        wakeup.ensureOpen();
        return waitAndReport(WaitTimeouts.millisRoundedUp(timeoutNanos), handler);
    }

    @Override
    public final void wakeup() {
        wakeup.wakeup();
    }

    @Override
    public final void close() {
        if (wakeup.close()) {
            releaseMechanism();
        }
    }

    /** @return the wake-up eventfd, which the mechanism watches for readability and never reports */
    protected final int wakeupFd() {
        return wakeup.fd();
    }

    /** @return true once {@link #close()} has run */
    protected final boolean isClosed() {
        return wakeup.isClosed();
    }

    /**
     * Starts watching a descriptor for a free token.
     *
     * @param token    the token
     * @param fd       the channel's descriptor number
     * @param interest the {@link Interest} bits, possibly {@link Interest#NONE}
     * @throws IOException if the mechanism refuses; nothing is recorded then
     */
    protected abstract void watch(int token, int fd, int interest) throws IOException;

    /**
     * Replaces the interest of a registered token.
     *
     * @param token       the token
     * @param fd          its descriptor number
     * @param oldInterest its interest until now
     * @param interest    its new interest, different from {@code oldInterest}
     * @throws IOException if the mechanism refuses; the old interest stays recorded then
     */
    protected abstract void changeInterest(int token, int fd, int oldInterest, int interest) throws IOException;

    /**
     * Stops watching a token, which is already forgotten.
     *
     * @param token    the token
     * @param fd       its descriptor number
     * @param interest its last interest
     * @throws IOException if the mechanism refuses
     */
    protected abstract void unwatch(int token, int fd, int interest) throws IOException;

    /**
     * Waits once and reports what is ready, through a {@link ReadyList}.
     *
     * @param timeoutMillis -1 to wait without limit, 0 not to wait, else the longest wait
     * @param handler       receives each ready registration
     * @return how many were reported
     * @throws IOException if the wait fails for a reason other than an interrupted system call
     */
    protected abstract int waitAndReport(int timeoutMillis, ReadyHandler handler) throws IOException;

    /** Releases the mechanism's own descriptors, once, after the wake-up is closed; nothing by default. */
    protected void releaseMechanism() {
    }
}
