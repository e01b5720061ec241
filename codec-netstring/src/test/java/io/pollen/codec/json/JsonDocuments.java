package io.pollen.codec.json;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/** Documents both parsers are tested with, each with the verdict every way of parsing must reach. */
final class JsonDocuments {

    record Document(String name, byte[] json, String verdict) {
        Document(String name, String json, String verdict) {
            this(name, json.getBytes(StandardCharsets.UTF_8), verdict);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private JsonDocuments() {
    }

    static Stream<Document> valid() {
        return Stream.of(
                new Document("ping", "{\"type\":\"ping\",\"seq\":7}", "ok:ping"),
                new Document("whitespace around", " \n\t{ \"type\" : \"a\" } \r\n", "ok:a"),
                new Document("numbers of every form", "{\"type\":\"n\",\"a\":-0,\"b\":12345678901234,\"c\":-1.5e-3,"
                        + "\"d\":1E+2,\"e\":123456789012345678901234567890}", "ok:n"),
                new Document("number last before the brace", "{\"type\":\"n\",\"n\":123456}", "ok:n"),
                new Document("escapes and unicode", "{\"type\":\"t\",\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\","
                        + "\"raw\":\"\u00e9\u20ac\ud83d\ude00\"}", "ok:t"),
                new Document("nested values", "{\"data\":{\"type\":\"inner\",\"list\":[1,[2,[3]],{\"x\":null}]},"
                        + "\"type\":\"outer\",\"flags\":[true,false,null]}", "ok:outer"),
                new Document("commas followed by whitespace, then members", "{\"type\":\"a\",  \n \"b\":[1, \t2 ] ,\"c\":{ }}",
                        "ok:a"),
                new Document("commas and braces inside strings", "{\"type\":\"a,}\",\"b\":\"x\\\",}\",\"c\":[\",]\"]}",
                        "ok:a,}"),
                new Document("empty containers", "{\"type\":\"e\",\"o\":{},\"a\":[]}", "ok:e"),
                new Document("repeated type: the first counts", "{\"type\":\"first\",\"type\":\"second\"}", "ok:first"));
    }

    static Stream<Document> invalid() {
        return Stream.of(
                new Document("empty", "", "bad_json:EMPTY"),
                new Document("whitespace only", "  \n ", "bad_json:EMPTY"),
                new Document("unclosed object", "{\"type\":\"a\"", "bad_json:MALFORMED"),
                new Document("unclosed string", "{\"type\":\"a", "bad_json:MALFORMED"),
                new Document("trailing comma", "{\"type\":\"a\",}", "bad_json:MALFORMED"),
                new Document("trailing comma before a newline", "{\"type\":\"a\",\n}", "bad_json:MALFORMED"),
                new Document("trailing comma, then whitespace of every kind", "{\"type\":\"a\", \t\r\n  }",
                        "bad_json:MALFORMED"),
                new Document("trailing comma after a number", "{\"type\":\"a\",\"n\":12,}", "bad_json:MALFORMED"),
                new Document("trailing comma in a nested object", "{\"type\":\"a\",\"o\":{\"b\":\"x\",}}",
                        "bad_json:MALFORMED"),
                new Document("double comma", "{\"type\":\"a\",,\"b\":1}", "bad_json:MALFORMED"),
                new Document("leading comma", "{,\"type\":\"a\"}", "bad_json:MALFORMED"),
                new Document("double comma in an array", "{\"type\":\"a\",\"b\":[1,,2]}", "bad_json:MALFORMED"),
                new Document("name without a value", "{\"type\"}", "bad_json:MALFORMED"),
                new Document("colon without a value", "{\"type\":}", "bad_json:MALFORMED"),
                new Document("two colons", "{\"type\":\"a\":\"b\"}", "bad_json:MALFORMED"),
                new Document("extra closing brace", "{\"type\":\"a\"}}", "bad_json:MALFORMED"),
                new Document("second value", "{\"type\":\"a\"} {\"type\":\"b\"}", "bad_json:TRAILING_CONTENT"),
                new Document("second scalar value", "{\"type\":\"a\"} 1", "bad_json:TRAILING_CONTENT"),
                new Document("garbage after the value", "{\"type\":\"a\"}x", "bad_json:MALFORMED"),
                new Document("single quotes", "{\"type\":'a'}", "bad_json:MALFORMED"),
                new Document("unquoted name", "{type:\"a\"}", "bad_json:MALFORMED"),
                new Document("missing comma", "{\"type\":\"a\" \"b\":1}", "bad_json:MALFORMED"),
                new Document("missing colon", "{\"type\" \"a\"}", "bad_json:MALFORMED"),
                new Document("bad literal", "{\"type\":\"a\",\"b\":tru}", "bad_json:MALFORMED"),
                new Document("leading zero", "{\"type\":\"a\",\"b\":01}", "bad_json:MALFORMED"),
                new Document("dot without digits", "{\"type\":\"a\",\"b\":1.}", "bad_json:MALFORMED"),
                new Document("lone minus", "{\"type\":\"a\",\"b\":-}", "bad_json:MALFORMED"),
                new Document("NaN", "{\"type\":\"a\",\"b\":NaN}", "bad_json:MALFORMED"),
                new Document("short unicode escape", "{\"type\":\"a\",\"b\":\"\\u12\"}", "bad_json:MALFORMED"),
                new Document("unknown escape", "{\"type\":\"a\",\"b\":\"\\x\"}", "bad_json:MALFORMED"),
                new Document("raw control character", "{\"type\":\"a\",\"b\":\"tab\there\"}", "bad_json:MALFORMED"),
                new Document("comment", "{\"type\":\"a\" /* no */}", "bad_json:MALFORMED"),
                new Document("array trailing comma", "{\"type\":\"a\",\"b\":[1,]}", "bad_json:MALFORMED"),
                new Document("mismatched brackets", "{\"type\":\"a\",\"b\":[1}", "bad_json:MALFORMED"),
                new Document("invalid UTF-8 continuation", utf8WithBytes("{\"type\":\"a\",\"b\":\"", 0xC3, 0x28, '"', '}'),
                        "bad_json:MALFORMED"),
                new Document("invalid UTF-8 lead byte", utf8WithBytes("{\"type\":\"a\",\"b\":\"", 0xFF, '"', '}'),
                        "bad_json:MALFORMED"),
                new Document("invalid UTF-8 in a nested string",
                        utf8WithBytes("{\"type\":\"a\",\"b\":[\"", 0xC3, 0x28, '"', ']', '}'), "bad_json:MALFORMED"),
                new Document("unclosed array root", "[1,2", "bad_json:MALFORMED"),
                new Document("array root", "[1,2]", "bad_message"),
                new Document("string root", "\"ping\"", "bad_message"),
                new Document("number root", "42", "bad_message"),
                new Document("null root", "null", "bad_message"),
                new Document("no type", "{\"seq\":7}", "bad_message"),
                new Document("empty object", "{}", "bad_message"),
                new Document("type is a number", "{\"type\":7}", "bad_message"),
                new Document("type is null", "{\"type\":null}", "bad_message"),
                new Document("type only in a nested object", "{\"data\":{\"type\":\"a\"}}", "bad_message"),
                new Document("first type is not a string", "{\"type\":{},\"type\":\"b\"}", "bad_message"));
    }

    private static byte[] utf8WithBytes(String prefix, int... tail) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = 0; i < tail.length; i++) {
            all[head.length + i] = (byte) tail[i];
        }
        return all;
    }
}
