package io.pollen.examples.loadgen;

import io.pollen.examples.server.HmacHelloAuthenticator;

/**
 * The ids the clients of a load run claim with {@code hello} ({@code --hello PREFIX}): client
 * {@code i} of the whole run claims {@code PREFIX + i}, counted from 0 over every process, and, when
 * the run has the example server's hello secret ({@value HmacHelloAuthenticator#SECRET_VARIABLE}),
 * proves it with the token {@link HmacHelloAuthenticator#token} computes, the same code that checks it
 * on the server.
 *
 * <p>Immutable; safe from any thread. {@link #toString()} never shows the secret.
 *
 * @param prefix     what every id begins with, or null: the clients claim no id and the server
 *                   assigns them theirs
 * @param firstIndex the index in the whole run of this process's first client
 * @param secret     the hello secret, or null for no token
 */
public record ClientIds(String prefix, int firstIndex, String secret) {
    /** The clients claim no id. */
    public static final ClientIds NONE = new ClientIds(null, 0, null);

    /**
     * @param prefix     what every id begins with, or null for no ids
     * @param firstIndex the index in the whole run of this process's first client, at least 0
     * @param secret     the hello secret, or null for no token; never empty
     * @throws IllegalArgumentException if the first index is negative, or the secret is empty
     */
    public ClientIds {
        if (firstIndex < 0) {
            throw new IllegalArgumentException("the first client's index must be at least 0, got " + firstIndex);
        }
        if (secret != null && secret.isEmpty()) {
            throw new IllegalArgumentException(HmacHelloAuthenticator.SECRET_VARIABLE + " is set but empty: set it to"
                    + " the server's secret, or unset it to send no token");
        }
    }

    /**
     * @param prefix what every id begins with
     * @param secret the hello secret, or null for no token
     * @return ids {@code prefix + 0}, {@code prefix + 1}, ...
     */
    public static ClientIds prefixed(String prefix, String secret) {
        return new ClientIds(prefix, 0, secret);
    }

    /**
     * @param offset how many clients of the run come before a part of it (another process's share)
     * @return the same ids, that part's first client being this one's {@code offset}-th
     */
    ClientIds from(int offset) {
        return new ClientIds(prefix, Math.addExact(firstIndex, offset), secret);
    }

    /**
     * @param index a client's index in this process, from 0
     * @return the id it claims, or null if the clients claim none
     */
    String idOf(int index) {
        return prefix == null ? null : prefix + ((long) firstIndex + index);
    }

    /**
     * @param id an id from {@link #idOf}, or null
     * @return the token of that id's hello, or null when there is no id or no secret
     */
    String tokenOf(String id) {
        return id == null || secret == null ? null : HmacHelloAuthenticator.token(secret, id);
    }

    @Override
    public String toString() {
        return "ClientIds{prefix=" + prefix + ", firstIndex=" + firstIndex + ", secret=" + (secret == null ? "none" : "set") + "}";
    }
}
