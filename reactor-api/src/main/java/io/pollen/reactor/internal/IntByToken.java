package io.pollen.reactor.internal;

import java.util.Arrays;

/**
 * One int of a poller's state per registration token (a descriptor number, an interest, an index),
 * in an array indexed by token that grows to the largest token seen: the engine's tokens are small,
 * reused slot numbers, so this beats a hash map and never boxes. A token with no value reads as the
 * {@code absent} value given at construction, which is how a poller tells registered tokens apart.
 *
 * <p>Not thread-safe: owned by one poller and used on its loop thread only.
 */
public final class IntByToken {
    private static final int INITIAL_CAPACITY = 64;

    private final int absent;
    private int[] values;

    /**
     * @param absent what {@link #get} returns for a token that has no value, such as -1 for "no
     *               descriptor"
     */
    public IntByToken(int absent) {
        this.absent = absent;
        this.values = new int[INITIAL_CAPACITY];
        Arrays.fill(values, absent);
    }

    /**
     * @param token any token, also negative or never seen
     * @return its value, or the absent value
     */
    public int get(int token) {
        return token >= 0 && token < values.length ? values[token] : absent;
    }

    /**
     * The value of a token that must be registered, as {@code Poller.modify} requires.
     *
     * @param token a token
     * @return its value
     * @throws IllegalArgumentException if it has none
     */
    public int require(int token) {
        int value = get(token);
        if (value == absent) {
            throw new IllegalArgumentException("token " + token + " is not registered");
        }
        return value;
    }

    /**
     * Refuses a token that already has a value, as {@code Poller.register} requires; call it before
     * any side effect of a registration.
     *
     * @param token a token about to be registered
     * @throws IllegalStateException if it is registered already
     */
    public void requireAbsent(int token) {
        if (get(token) != absent) {
            throw new IllegalStateException("token " + token + " is already registered; deregister it first");
        }
    }

    /**
     * @param token a non-negative token; the array grows to hold it
     * @param value its value; the absent value makes the token read as unregistered
     */
    public void put(int token, int value) {
        if (token >= values.length) {
            int from = values.length;
            values = Arrays.copyOf(values, Math.max(token + 1, from * 2));
            Arrays.fill(values, from, values.length, absent);
        }
        values[token] = value;
    }

    /**
     * Forgets a token's value; unknown tokens are ignored, as {@code Poller.deregister} requires.
     *
     * @param token any token
     * @return the value it had, or the absent value
     */
    public int remove(int token) {
        int value = get(token);
        if (value != absent) {
            values[token] = absent;
        }
        return value;
    }
}
