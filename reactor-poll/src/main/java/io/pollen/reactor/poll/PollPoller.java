package io.pollen.reactor.poll;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.internal.NativeWakeup;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;
import io.pollen.reactor.internal.RegistrationArguments;
import io.pollen.reactor.internal.WaitTimeouts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectableChannel;
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
public final class PollPoller implements Poller {
    // struct pollfd as laid out on Linux; keep in sync with the _Static_asserts of poll.c.
    static final int POLLFD_BYTES = 8;
    static final int POLLFD_FD_OFFSET = 0;
    static final int POLLFD_EVENTS_OFFSET = 4;
    private static final int READY_PAIR_BYTES = 2 * Integer.BYTES; // (index, bits); keep in sync with poll.c
    private static final int WAKEUP_INDEX = 0;
    private static final int NO_INDEX = -1;
    private static final int SKIPPED_FD = -1; // poll(2) ignores entries with a negative descriptor

    private final NativeWakeup wakeup;
    private final short[] eventsByInterest = new short[Interest.ALL + 1];

    private ByteBuffer pollfds;
    private long pollfdsAddress;
    private ByteBuffer ready;
    private long readyAddress;
    private int count; // entries in use, the wake-up entry included
    private int[] tokenByIndex;
    private int[] fdByIndex;
    private int[] interestByIndex;
    private int[] readyTokens;
    private int[] readyOps;
    private int[] indexByToken = filled(64, NO_INDEX);

    /**
     * Opens the wake-up eventfd and an array with room for a first batch of registrations.
     *
     * @throws IOException          if the system refuses the eventfd
     * @throws UnsatisfiedLinkError if the backend is unavailable, carrying {@link Poll#unavailabilityCause()}
     */
    public PollPoller() throws IOException {
        Poll.ensureAvailability();
        for (int interest = 0; interest <= Interest.ALL; interest++) {
            eventsByInterest[interest] = PollNative.pollEvents(interest);
        }
        allocate(64);
        int wakeFd = PollNative.eventFdOpen();
        wakeup = new NativeWakeup(wakeFd, PollNative::eventFdSignal, PollNative::close);
        writeEntry(WAKEUP_INDEX, wakeFd, Interest.READ);
        tokenByIndex[WAKEUP_INDEX] = NO_INDEX;
        count = 1;
    }

    @Override
    public void register(SelectableChannel channel, int token, int interest) throws IOException {
        ensureOpen();
        RegistrationArguments.check(channel, token, interest);
        if (token < indexByToken.length && indexByToken[token] != NO_INDEX) {
            throw new IllegalStateException("token " + token + " is already registered; deregister it first");
        }
        int fd = PollNative.channelFd(channel);
        if (count == tokenByIndex.length) {
            allocate(count * 2);
        }
        if (token >= indexByToken.length) {
            int from = indexByToken.length;
            indexByToken = Arrays.copyOf(indexByToken, Math.max(token + 1, from * 2));
            Arrays.fill(indexByToken, from, indexByToken.length, NO_INDEX);
        }
        int index = count++;
        writeEntry(index, fd, interest);
        tokenByIndex[index] = token;
        indexByToken[token] = index;
    }

    @Override
    public void modify(int token, int interest) throws IOException {
        Interest.validate(interest);
        ensureOpen();
        int index = token >= 0 && token < indexByToken.length ? indexByToken[token] : NO_INDEX;
        if (index == NO_INDEX) {
            throw new IllegalArgumentException("token " + token + " is not registered");
        }
        writeEntry(index, fdByIndex[index], interest);
    }

    @Override
    public void deregister(int token) throws IOException {
        ensureOpen();
        int index = token >= 0 && token < indexByToken.length ? indexByToken[token] : NO_INDEX;
        if (index == NO_INDEX) {
            return;
        }
        indexByToken[token] = NO_INDEX;
        int last = --count;
        if (index != last) {
            int movedToken = tokenByIndex[last];
            writeEntry(index, fdByIndex[last], interestByIndex[last]);
            tokenByIndex[index] = movedToken;
            indexByToken[movedToken] = index;
        }
    }

    @Override
    public int poll(long timeoutNanos, ReadyHandler handler) throws IOException {
        ensureOpen();
        int found = PollNative.poll(pollfdsAddress, count, WaitTimeouts.millisRoundedUp(timeoutNanos), readyAddress);
        // Resolve every index before calling the handler: it may deregister, which moves entries.
        int reported = 0;
        for (int i = 0, offset = 0; i < found; i++, offset += READY_PAIR_BYTES) {
            int index = ready.getInt(offset);
            int ops = ready.getInt(offset + Integer.BYTES) & interestByIndex[index];
            if (ops != 0) {
                readyTokens[reported] = tokenByIndex[index];
                readyOps[reported] = ops;
                reported++;
            }
        }
        for (int i = 0; i < reported; i++) {
            handler.onReady(readyTokens[i], readyOps[i]);
        }
        return reported;
    }

    @Override
    public void wakeup() {
        wakeup.wakeup();
    }

    @Override
    public void close() {
        if (!wakeup.close()) {
            return;
        }
    }

    @Override
    public String toString() {
        return "PollPoller[registrations=" + (count - 1) + (wakeup.isClosed() ? ", closed]" : "]");
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
        pollfdsAddress = PollNative.bufferAddress(pollfds);
        ready = ByteBuffer.allocateDirect(capacity * READY_PAIR_BYTES).order(ByteOrder.nativeOrder());
        readyAddress = PollNative.bufferAddress(ready);
        tokenByIndex = tokenByIndex == null ? new int[capacity] : Arrays.copyOf(tokenByIndex, capacity);
        fdByIndex = fdByIndex == null ? new int[capacity] : Arrays.copyOf(fdByIndex, capacity);
        interestByIndex = interestByIndex == null ? new int[capacity] : Arrays.copyOf(interestByIndex, capacity);
        readyTokens = new int[capacity];
        readyOps = new int[capacity];
    }

    private void ensureOpen() throws IOException {
        if (wakeup.isClosed()) {
            throw new IOException("this poll poller is closed; open a new one");
        }
    }

    private static int[] filled(int length, int value) {
        int[] array = new int[length];
        Arrays.fill(array, value);
        return array;
    }
}
