package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads frame payloads as JSON messages, enforcing one set of {@link JsonLimits}.
 *
 * <p>Two ways in, one for each size of message:
 * <ul>
 *   <li>{@link #parse(ByteBuffer)} reads a whole small payload into a {@link JsonMessage};</li>
 *   <li>{@link #newStreamParser(JsonTokenListener)} makes a {@link JsonStreamParser} for one large
 *       payload, fed chunk by chunk as it arrives, which never holds the payload.</li>
 * </ul>
 * Both accept exactly one JSON value per payload, reject trailing content, and require a message to be
 * an object with a string {@code "type"} field.
 *
 * <h2>Threading</h2>
 * Immutable after construction and safe from any thread: one instance can serve every connection of a
 * server. The stream parsers it makes are single-threaded.
 */
public final class JsonMessageParser {

    private final JsonFactory factory;
    private final long maxDocumentLength;
    private final int maxStringLength;

    /**
     * @param limits the limits to enforce; concluded, then copied: later changes have no effect
     * @throws IllegalArgumentException naming the first bad limit
     */
    public JsonMessageParser(JsonLimits limits) {
        limits.conclude();
        this.maxDocumentLength = limits.maxDocumentLength();
        this.maxStringLength = limits.maxStringLength();
        this.factory = JsonFactory.builder()
                .streamReadConstraints(limits.toStreamReadConstraints())
                // Field names come from untrusted peers: interning them would grow the JVM's string table.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }

    /** Makes a parser with the default {@link JsonLimits}. */
    public JsonMessageParser() {
        this(new JsonLimits());
    }

    /**
     * Reads a whole payload as one message. The bytes are copied, so the buffer may be reused once this
     * returns, and the message may be kept and passed to other threads.
     *
     * @param payload the payload, from position to limit; its position is not changed
     * @return the message
     * @throws BadJsonException    if the payload is not exactly one valid JSON value within the limits
     * @throws BadMessageException if the value is not an object with a string {@code "type"}
     */
    public JsonMessage parse(ByteBuffer payload) throws BadJsonException {
        if (maxDocumentLength != JsonLimits.NO_DOCUMENT_LIMIT && payload.remaining() > maxDocumentLength) {
            throw new BadJsonException(JsonLimit.DOCUMENT_LENGTH, BadJsonException.UNKNOWN_OFFSET, "the document is "
                    + payload.remaining() + " bytes long, over the limit of " + maxDocumentLength, null);
        }
        byte[] json = new byte[payload.remaining()];
        payload.get(payload.position(), json);
        JsonMessage message = readObject(json);
        if (message.type() == null) {
            throw new BadMessageException("the message has no string field \"" + MessageFields.TYPE + "\"");
        }
        return message;
    }

    /**
     * Starts parsing one large payload incrementally.
     *
     * @param listener receives the tokens, then the outcome
     * @return a parser for this payload only; feed it, then finish or abort it
     */
    public JsonStreamParser newStreamParser(JsonTokenListener listener) {
        try {
            return new JsonStreamParser(factory.createNonBlockingByteBufferParser(), listener, maxDocumentLength,
                    maxStringLength);
        } catch (IOException e) {
            // Creating a parser over no input performs no I/O; jackson only declares the exception.
            throw new UncheckedIOException("jackson could not create a non-blocking parser", e);
        }
    }

    /** Reads an object that was already validated as part of a message, so it cannot fail. */
    JsonMessage readValidatedObject(byte[] json) {
        try {
            return readObject(json);
        } catch (BadJsonException e) {
            throw new IllegalStateException("a nested object that passed validation failed to parse again", e);
        }
    }

    private JsonMessage readObject(byte[] json) throws BadJsonException {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadJsonException(JsonError.EMPTY, 0, "the payload is empty or whitespace only", null);
            }
            if (first != JsonToken.START_OBJECT) {
                skipValue(parser);
                requireEnd(parser);
                throw new BadMessageException("the payload is " + describe(first) + ", not a JSON object");
            }
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                values.add(readValue(parser, parser.nextToken()));
            }
            requireEnd(parser);
            return new JsonMessage(this, json, names.toArray(new String[0]), values.toArray());
        } catch (JsonProcessingException e) {
            throw BadJsonException.fromJackson(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a byte array failed", e);
        }
    }

    private Object readValue(JsonParser parser, JsonToken token) throws IOException, BadJsonException {
        switch (token) {
            case VALUE_STRING:
                checkStringLength(parser, maxStringLength);
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return JsonMessage.nullValue();
            case START_OBJECT:
            case START_ARRAY:
                int start = (int) parser.currentTokenLocation().getByteOffset();
                skipValue(parser);
                int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                return JsonMessage.nestedValue(
                        token == JsonToken.START_OBJECT ? JsonValueKind.OBJECT : JsonValueKind.ARRAY, start, end);
            default:
                throw new IllegalStateException("jackson returned " + token + " where a value belongs");
        }
    }

    /**
     * Walks past the value starting at the current token. Strings are decoded on the way rather than
     * skipped, so that the string length limit holds inside nested values too.
     */
    private void skipValue(JsonParser parser) throws IOException, BadJsonException {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.VALUE_STRING) {
                checkStringLength(parser, maxStringLength);
            } else if (token.isNumeric()) {
                parser.getNumberType();
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException, BadJsonException {
        JsonToken next = parser.nextToken();
        if (next != null) {
            throw new BadJsonException(JsonError.TRAILING_CONTENT, parser.currentTokenLocation().getByteOffset(),
                    describe(next) + " follows the first value", null);
        }
    }

    /**
     * Checks the current string against the limit exactly. Jackson checks its constraint only as its
     * text buffer grows, which lets strings somewhat over a small limit through.
     */
    static void checkStringLength(JsonParser parser, int maxStringLength) throws IOException, BadJsonException {
        int length = parser.getTextLength();
        if (length > maxStringLength) {
            throw new BadJsonException(JsonLimit.STRING_LENGTH, parser.currentTokenLocation().getByteOffset(),
                    "a string of " + length + " characters is longer than the limit of " + maxStringLength, null);
        }
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case END_OBJECT -> "'}'";
            case END_ARRAY -> "']'";
            case FIELD_NAME -> "a field name";
            default -> String.valueOf(token);
        };
    }
}
