package io.pollen.codec.json;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A small JSON object, read once with jackson's streaming parser and kept compactly: its own UTF-8
 * bytes, plus its top-level fields with scalar values already decoded. Nested objects and arrays stay
 * as JSON text until asked for. Made by {@link JsonMessageParser}.
 *
 * <h2>Reading fields</h2>
 * Typed getters ({@link #getString(String)}, {@link #getLong(String)}, ...) throw
 * {@link BadMessageException} when the field is missing or holds another kind of value, with a message
 * meant for the peer; the variants with a default return it for a missing field (and still throw for
 * a wrong kind). If a name repeats, the first occurrence counts, as it does for the streaming parser.
 *
 * <h2>Threading</h2>
 * Immutable: safe to read from any thread and to hand to another thread.
 */
public final class JsonMessage {

    /** Marks a JSON {@code null} among the decoded values. */
    private static final Object JSON_NULL = new Object();

    /** An object or array field, kept as the range of its text in {@link #json}. */
    private record Nested(JsonValueKind kind, int start, int end) {
    }

    private final JsonMessageParser parser;
    private final byte[] json;
    private final String[] names;
    private final Object[] values;

    JsonMessage(JsonMessageParser parser, byte[] json, String[] names, Object[] values) {
        this.parser = parser;
        this.json = json;
        this.names = names;
        this.values = values;
    }

    static Object nullValue() {
        return JSON_NULL;
    }

    static Object nestedValue(JsonValueKind kind, int start, int end) {
        return new Nested(kind, start, end);
    }

    /**
     * @return the string value of the {@code "type"} field; never null for a message that came from
     *         the wire, possibly null for a nested object
     */
    public String type() {
        int index = indexOf(MessageFields.TYPE);
        return index >= 0 && values[index] instanceof String type ? type : null;
    }

    /** @return the payload this message was read from, as a read-only view: for echoing it verbatim */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(json).asReadOnlyBuffer();
    }

    /** @return the payload's length in bytes */
    public int payloadLength() {
        return json.length;
    }

    /** @return the names of the top-level fields, in document order */
    public List<String> fieldNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    /**
     * @param name a field name
     * @return true if the object has that field, whatever its value (null included)
     */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * @param name a field name
     * @return the kind of the field's value, or null if there is no such field
     */
    public JsonValueKind kind(String name) {
        int index = indexOf(name);
        return index < 0 ? null : kindOf(values[index]);
    }

    /**
     * @param name a field name
     * @return true if the field exists and is JSON {@code null}
     */
    public boolean isNull(String name) {
        int index = indexOf(name);
        return index >= 0 && values[index] == JSON_NULL;
    }

    /**
     * @param name a field name
     * @return the field's string value
     * @throws BadMessageException if the field is missing or not a string
     */
    public String getString(String name) {
        return asString(name, require(name));
    }

    /**
     * @param name         a field name
     * @param defaultValue returned when the field is missing
     * @return the field's string value, or the default
     * @throws BadMessageException if the field exists and is not a string
     */
    public String getString(String name, String defaultValue) {
        int index = indexOf(name);
        return index < 0 ? defaultValue : asString(name, values[index]);
    }

    /**
     * @param name a field name
     * @return the field's value as a {@code long}
     * @throws BadMessageException if the field is missing, not an integer, or out of range
     */
    public long getLong(String name) {
        return asLong(name, require(name));
    }

    /**
     * @param name         a field name
     * @param defaultValue returned when the field is missing
     * @return the field's value as a {@code long}, or the default
     * @throws BadMessageException if the field exists and is not an integer within range
     */
    public long getLong(String name, long defaultValue) {
        int index = indexOf(name);
        return index < 0 ? defaultValue : asLong(name, values[index]);
    }

    /**
     * @param name a field name
     * @return the field's value as an {@code int}
     * @throws BadMessageException if the field is missing, not an integer, or out of range
     */
    public int getInt(String name) {
        return asInt(name, getLong(name));
    }

    /**
     * @param name         a field name
     * @param defaultValue returned when the field is missing
     * @return the field's value as an {@code int}, or the default
     * @throws BadMessageException if the field exists and is not an integer within range
     */
    public int getInt(String name, int defaultValue) {
        int index = indexOf(name);
        return index < 0 ? defaultValue : asInt(name, asLong(name, values[index]));
    }

    /**
     * @param name a field name
     * @return the field's numeric value as a {@code double}
     * @throws BadMessageException if the field is missing or not a number
     */
    public double getDouble(String name) {
        Object value = require(name);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongKind(name, value, "a number");
    }

    /**
     * @param name a field name
     * @return the field's boolean value
     * @throws BadMessageException if the field is missing or not a boolean
     */
    public boolean getBoolean(String name) {
        return asBoolean(name, require(name));
    }

    /**
     * @param name         a field name
     * @param defaultValue returned when the field is missing
     * @return the field's boolean value, or the default
     * @throws BadMessageException if the field exists and is not a boolean
     */
    public boolean getBoolean(String name, boolean defaultValue) {
        int index = indexOf(name);
        return index < 0 ? defaultValue : asBoolean(name, values[index]);
    }

    /**
     * Reads a nested object. It was validated with the message, so this cannot fail on its content.
     *
     * @param name a field name
     * @return the nested object, with the same getters
     * @throws BadMessageException if the field is missing or not an object
     */
    public JsonMessage getObject(String name) {
        Object value = require(name);
        if (value instanceof Nested nested && nested.kind() == JsonValueKind.OBJECT) {
            return parser.readValidatedObject(Arrays.copyOfRange(json, nested.start(), nested.end()));
        }
        throw wrongKind(name, value, "an object");
    }

    /**
     * @param name a field name
     * @return the JSON text of a nested object or array, exactly as received
     * @throws BadMessageException if the field is missing or is not an object or array
     */
    public String rawJson(String name) {
        Object value = require(name);
        if (value instanceof Nested nested) {
            return new String(json, nested.start(), nested.end() - nested.start(), StandardCharsets.UTF_8);
        }
        throw wrongKind(name, value, "an object or an array");
    }

    /** @return the JSON text of the whole message, as received */
    @Override
    public String toString() {
        return new String(json, StandardCharsets.UTF_8);
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Object require(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new BadMessageException("the message has no field \"" + name + "\"");
        }
        return values[index];
    }

    private static String asString(String name, Object value) {
        if (value instanceof String string) {
            return string;
        }
        throw wrongKind(name, value, "a string");
    }

    private static long asLong(String name, Object value) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof BigInteger) {
            throw new BadMessageException("field \"" + name + "\" is an integer out of the 64-bit range");
        }
        throw wrongKind(name, value, "an integer");
    }

    private static int asInt(String name, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new BadMessageException("field \"" + name + "\" is " + value + ", out of the 32-bit range");
        }
        return (int) value;
    }

    private static boolean asBoolean(String name, Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw wrongKind(name, value, "a boolean");
    }

    private static JsonValueKind kindOf(Object value) {
        if (value == JSON_NULL) {
            return JsonValueKind.NULL;
        } else if (value instanceof String) {
            return JsonValueKind.STRING;
        } else if (value instanceof Number) {
            return JsonValueKind.NUMBER;
        } else if (value instanceof Boolean) {
            return JsonValueKind.BOOLEAN;
        }
        return ((Nested) value).kind();
    }

    private static BadMessageException wrongKind(String name, Object value, String expected) {
        String actual = switch (kindOf(value)) {
            case STRING -> "a string";
            case NUMBER -> value instanceof Double ? "a decimal number" : "an integer";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
        };
        return new BadMessageException("field \"" + name + "\" is " + actual + ", expected " + expected);
    }
}
