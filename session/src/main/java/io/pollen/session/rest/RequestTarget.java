package io.pollen.session.rest;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's path, split into percent-decoded segments, and its query parameters.
 *
 * <p>The path is split before it is decoded, so a session id holding a slash is addressed as
 * {@code /sessions/a%2Fb}. Path segments are decoded as RFC 3986 says ({@code +} stays a plus);
 * query values as HTML forms encode them ({@code +} is a space). The first of repeated parameters wins.
 * Immutable.
 */
final class RequestTarget {
    private final String rawPath;
    private final List<String> segments;
    private final Map<String, String> query;

    private RequestTarget(String rawPath, List<String> segments, Map<String, String> query) {
        this.rawPath = rawPath;
        this.segments = segments;
        this.query = query;
    }

    /**
     * @param uri the request URI as the client sent it
     * @return the parsed target
     * @throws RestRequestException with {@link RestError#BAD_REQUEST} for a bad percent-escape
     */
    static RequestTarget parse(URI uri) throws RestRequestException {
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new RequestTarget(rawPath, splitPath(rawPath), parseQuery(uri.getRawQuery()));
    }

    /** @return the path as sent, for messages */
    String rawPath() {
        return rawPath;
    }

    /** @return the decoded segments: {@code /sessions/c-1} gives {@code ["sessions", "c-1"]} */
    List<String> segments() {
        return segments;
    }

    /**
     * @param name a parameter name
     * @return its decoded value, or null if absent
     */
    String query(String name) {
        return query.get(name);
    }

    private static List<String> splitPath(String rawPath) throws RestRequestException {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return List.of();
        }
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        // -1 keeps trailing empty segments, so "/sessions/" is not mistaken for "/sessions".
        String[] raw = path.split("/", -1);
        List<String> decoded = new ArrayList<>(raw.length);
        for (String segment : raw) {
            decoded.add(decodeSegment(segment));
        }
        return Collections.unmodifiableList(decoded);
    }

    private static String decodeSegment(String segment) throws RestRequestException {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteBuffer bytes = ByteBuffer.allocate(segment.getBytes(StandardCharsets.UTF_8).length);
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '%') {
                int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
                if (low < 0) {
                    throw new RestRequestException(RestError.BAD_REQUEST, "the path segment '" + segment
                            + "' has a '%' not followed by two hex digits; encode a literal '%' as %25");
                }
                bytes.put((byte) (high << 4 | low));
                i += 3;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < segment.length() ? i + 2 : i + 1;
                bytes.put(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        bytes.flip();
        try {
            // A strict decoder: a mangled id must not silently become a different, valid-looking one.
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new RestRequestException(RestError.BAD_REQUEST, "the path segment '" + segment
                    + "' does not decode as UTF-8; percent-encode the UTF-8 bytes of the id");
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) throws RestRequestException {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parameters = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQueryPart(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQueryPart(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(parameters);
    }

    private static String decodeQueryPart(String part) throws RestRequestException {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RestRequestException(RestError.BAD_REQUEST, "the query part '" + part
                    + "' has a bad percent-escape; encode a literal '%' as %25");
        }
    }
}
