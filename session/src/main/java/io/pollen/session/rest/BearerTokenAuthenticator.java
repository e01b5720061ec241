package io.pollen.session.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decides whether a request's {@code Authorization} header carries the gateway's bearer token
 * (RFC 6750). The comparison takes the same time wherever the first wrong byte is, so the token cannot
 * be guessed byte by byte from response times. Immutable; safe from any thread.
 */
final class BearerTokenAuthenticator {
    private static final String SCHEME = "Bearer ";

    private final byte[] token;

    /**
     * @param token the expected token, or null to accept every request
     */
    BearerTokenAuthenticator(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return true if a token is required */
    boolean isEnabled() {
        return token != null;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @return true if no token is required, or the header presents it
     */
    boolean accepts(String authorization) {
        if (token == null) {
            return true;
        }
        // The scheme name is case-insensitive (RFC 7235); the token is not.
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(token, presented);
    }
}
