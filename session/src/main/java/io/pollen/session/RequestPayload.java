package io.pollen.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Stamps a request's JSON object with the {@code seq} that correlates its response:
 * {@code {"type":"ping"}} with seq 7 becomes {@code {"type":"ping","seq":7}}, the member appended last
 * as in DESIGN.md's ping. Only the braces are looked at, so the cost is one copy of the text.
 * Stateless; safe from any thread.
 */
final class RequestPayload {
    private RequestPayload() {
    }

    /**
     * @param json a JSON object without a {@code seq} member
     * @param seq  the request's sequence number
     * @return the stamped payload, UTF-8
     * @throws IllegalArgumentException if {@code json} is not enclosed in braces
     */
    static ByteBuffer stamp(String json, long seq) {
        int open = firstNonBlank(json);
        int close = lastNonBlank(json);
        if (open < 0 || open >= close || json.charAt(open) != '{' || json.charAt(close) != '}') {
            throw new IllegalArgumentException("a request must be one JSON object, so that its seq can be added: "
                    + abbreviate(json));
        }
        boolean empty = json.substring(open + 1, close).isBlank();
        String stamped = json.substring(0, close) + (empty ? "" : ",") + "\"seq\":" + seq + "}";
        return ByteBuffer.wrap(stamped.getBytes(StandardCharsets.UTF_8));
    }

    private static int firstNonBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastNonBlank(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
