package io.pollen.cluster.redis;

/**
 * A Redis URI as it may appear in a message or a log: the password never does. Stateless.
 */
final class RedisAddress {
    private RedisAddress() {
    }

    /**
     * @param uri {@code redis://user:password@host:port/db} or any other text
     * @return the same with the password (or a lone user-info part, which Redis reads as a password)
     * replaced by {@code ***}
     */
    static String redact(String uri) {
        int scheme = uri.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = uri.indexOf('/', start);
        String authority = end < 0 ? uri.substring(start) : uri.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return uri;
        }
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return uri.substring(0, start) + shown + authority.substring(at) + (end < 0 ? "" : uri.substring(end));
    }
}
