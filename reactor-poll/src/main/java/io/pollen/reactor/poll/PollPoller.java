package io.pollen.reactor.poll;

import io.pollen.reactor.internal.IntByToken;
import io.pollen.reactor.internal.NativeIo;
import io.pollen.reactor.internal.NativePoller;
import io.pollen.reactor.internal.ReadyList;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@link Poller} over {@code poll(2)}: one dense {@code struct pollfd} array, handed whole to the
 * kernel and scanned whole on every wait. A wait therefore costs O(registered descriptors) even when
 * one is ready; that cost is what this backend exists to show.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Registration, modification and removal are O(1): a token-to-index map finds the entry, and
 *       removal moves the last entry into the hole (swap-remove).</li>
 *   <li>Tokens are non-negative; the token-to-index map is an array sized by the largest token
 *       seen (the engine's tokens are small, reused slot numbers).</li>
 *   <li>{@link Interest#ACCEPT} is watched as {@code POLLIN}, {@link Interest#CONNECT} as
 *       {@code POLLOUT}; {@code POLLERR}, {@code POLLHUP} and {@code POLLNVAL} are reported as every
 *       interested bit. A registration with {@link Interest#NONE} stays in the array with a negative
 *       descriptor, which the kernel skips, so a hang-up cannot wake the loop forever.</li>
 *   <li>Entry 0 is an eventfd: a {@link #wakeup()} before {@link #poll} makes that poll return at
 *       once; the eventfd is drained in C and never reported.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Every method but {@link #wakeup()} MUST be called on the owning loop thread; {@link #wakeup()} is
 * safe from any thread, also during or after {@link #close()}.
 */
public final class PollPoller extends NativePoller {
    // struct pollfd as laid out on Linux; keep in sync with the _Static_asserts of poll.c.
    static final int POLLFD_BYTES = 8;
    static final int POLLFD_FD_OFFSET = 0;
    static final int POLLFD_EVENTS_OFFSET = 4;
    private static final int INITIAL_CAPACITY = 64;
    private static final int WAKEUP_INDEX = 0;
    private static final int NO_INDEX = -1;
    private static final int SKIPPED_FD = -1; // poll(2) ignores entries with a negative descriptor

    private final short[] eventsByInterest = new short[Interest.ALL + 1];
    private final IntByToken indexByToken = new IntByToken(NO_INDEX);
    // poll.c writes (index, bits) pairs, resolved through the per-index arrays below.
    private final ReadyList ready = new ReadyList(INITIAL_CAPACITY);

    private ByteBuffer pollfds;
    private long pollfdsAddress;
    private int count; // entries in use, the wake-up entry included
    private int[] tokenByIndex = new int[0];
    private int[] fdByIndex = new int[0];
    private int[] interestByIndex = new int[0];

    /**
     * Opens the wake-up eventfd and an array with room for a first batch of registrations.
     *
     * @throws IOException          if the system refuses the eventfd
     * @throws UnsatisfiedLinkError if the backend is unavailable, carrying why
     */
    public PollPoller() throws IOException {
        super(BackendAliases.POLL, Poll.AVAILABILITY);
        for (int interest = 0; interest <= Interest.ALL; interest++) {
            eventsByInterest[interest] = PollNative.pollEvents(interest);
        }
        allocate(INITIAL_CAPACITY);
        writeEntry(WAKEUP_INDEX, wakeupFd(), Interest.READ);
        tokenByIndex[WAKEUP_INDEX] = NO_INDEX;
        count = 1;
    }

    @Override
    protected void watch(int token, int fd, int interest) {
        if (count == tokenByIndex.length) {
            allocate(count * 2);
        }
        int index = count++;
        writeEntry(index, fd, interest);
        tokenByIndex[index] = token;
        indexByToken.put(token, index);
    }

    @Override
    protected void changeInterest(int token, int fd, int oldInterest, int interest) {
        writeEntry(indexByToken.get(token), fd, interest);
    }

    @Override
    protected void unwatch(int token, int fd, int interest) {
        int index = indexByToken.remove(token);
        // Swap-remove: the last entry fills the hole, so the array stays dense.
        int last = --count;
        if (index != last) {
            int movedToken = tokenByIndex[last];
            writeEntry(index, fdByIndex[last], interestByIndex[last]);
            tokenByIndex[index] = movedToken;
            indexByToken.put(movedToken, index);
        }
    }

    @Override
    protected int waitAndReport(int timeoutMillis, ReadyHandler handler) throws IOException {
        int found = PollNative.poll(pollfdsAddress, count, timeoutMillis, ready.address());
        return ready.dispatch(found, tokenByIndex, interestByIndex, handler);
    }

    @Override
    public String toString() {
        return "PollPoller[registrations=" + (count - 1) + (isClosed() ? ", closed]" : "]");
    }

    private void writeEntry(int index, int fd, int interest) {
        int offset = index * POLLFD_BYTES;
        pollfds.putInt(offset + POLLFD_FD_OFFSET, interest == Interest.NONE ? SKIPPED_FD : fd);
        pollfds.putShort(offset + POLLFD_EVENTS_OFFSET, eventsByInterest[interest]);
        fdByIndex[index] = fd;
        interestByIndex[index] = interest;
    }

    /** Grows every per-entry array to {@code capacity} entries, keeping the entries in use. */
    private void allocate(int capacity) {
        ByteBuffer grown = ByteBuffer.allocateDirect(capacity * POLLFD_BYTES).order(ByteOrder.nativeOrder());
        if (pollfds != null) {
            grown.put(pollfds.duplicate().position(0).limit(count * POLLFD_BYTES));
            grown.clear();
        }
        pollfds = grown;
        pollfdsAddress = NativeIo.bufferAddress(pollfds);
        ready.ensureCapacity(capacity);
        tokenByIndex = Arrays.copyOf(tokenByIndex, capacity);
        fdByIndex = Arrays.copyOf(fdByIndex, capacity);
        interestByIndex = Arrays.copyOf(interestByIndex, capacity);
    }
}
