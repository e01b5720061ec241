package io.pollen.examples.server;

import io.pollen.codec.json.JsonMessage;
import io.pollen.session.HelloAuthenticator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The example server's hello authenticator, on when {@value #SECRET_VARIABLE} is set: a {@code hello}
 * that claims an id must carry {@code "token"}, the lower-case hex HMAC-SHA256 of the id (UTF-8) under the
 * secret (UTF-8). A hello that claims no id is let through without a token: the session keeps its
 * server-assigned id, which no client can claim, so there is nothing to protect (see SECURITY.md).
 *
 * <p>The token is compared in constant time ({@link MessageDigest#isEqual}), so its timing tells an
 * attacker nothing about how much of a guess was right.
 *
 * <h2>Threading</h2>
 * Immutable and safe from any thread; the session layer calls it on loop threads. Each check makes its own
 * {@link Mac} (a {@code Mac} is not thread-safe, and a hello is rare next to the frames that follow it).
 */
public final class HmacHelloAuthenticator implements HelloAuthenticator {
    /** The environment variable holding the secret that turns the check on. */
    public static final String SECRET_VARIABLE = "POLLEN_HELLO_SECRET";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /**
     * @param secret the shared secret, at least one character
     * @throws IllegalArgumentException if the secret is empty
     */
    public HmacHelloAuthenticator(String secret) {
        this.key = keyOf(secret);
    }

    /**
     * The token a client sends with {@code hello}: what a client of this server (the load generator, a
     * test) computes from the same secret.
     *
     * @param secret the shared secret, at least one character
     * @param id     the id the hello claims
     * @return the lower-case hex HMAC-SHA256 of the id under the secret
     * @throws IllegalArgumentException if the secret is empty
     */
    public static String token(String secret, String id) {
        return HexFormat.of().formatHex(mac(keyOf(secret), id));
    }

    @Override
    public boolean permits(String claimedId, JsonMessage hello, SocketAddress remoteAddress) {
        if (claimedId == null) {
            return true;
        }
        String token = hello.getString("token", null);
        if (token == null) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(mac(key, claimedId)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
    }

    private static SecretKeySpec keyOf(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(SECRET_VARIABLE + " is set but empty: set it to a secret, or unset it "
                    + "to let any client claim any free id");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static byte[] mac(SecretKeySpec key, String id) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256 (the Mac class's javadoc): this is a broken JDK.
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK, which every Java platform must provide", e);
        }
    }

    @Override
    public String toString() {
        // Never the secret: configurations end up in logs.
        return "HmacHelloAuthenticator{" + ALGORITHM + "}";
    }
}
