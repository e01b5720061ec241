package io.pollen.benchmarks.netty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON work of the ping subset: reads {@code type}, {@code id} and {@code seq} from a payload and
 * writes the {@code welcome} and {@code pong} replies, both with jackson-core's streaming API.
 *
 * <p>It does what Pollen does per small message, so the baseline's CPU is comparable: the payload
 * is copied out of the network buffer into a {@code byte[]}, read token by token, and each reply is
 * written by a {@link JsonGenerator}. It reads only the three fields it needs and skips the rest
 * where Pollen keeps every field in a map, which if anything favours the baseline.
 *
 * <p>Immutable and safe from any thread: one instance serves every channel.
 */
final class PingJson {

    /**
     * The fields of one message that the ping subset uses; any of them may be null.
     *
     * @param type    the string {@code type}
     * @param id      the string {@code id}
     * @param seqKind the token kind of a scalar {@code seq}
     * @param seqText that seq exactly as it was written (a string's content, unquoted)
     */
    record Message(String type, String id, JsonToken seqKind, String seqText) {
    }

    private final JsonFactory factory = JsonFactory.builder()
            // Field names come from untrusted peers: interning them would grow the JVM's string table
            // (Pollen disables it for the same reason, so the parsing cost stays alike).
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    /**
     * Reads the top-level fields of a JSON object.
     *
     * @param json the payload; not modified
     * @return its fields, or null if the payload is not well-formed JSON or not an object
     */
    Message read(byte[] json) {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = null;
            String id = null;
            JsonToken seqKind = null;
            String seqText = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && "type".equals(name)) {
                    type = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && "id".equals(name)) {
                    id = parser.getText();
                } else if (value.isScalarValue() && "seq".equals(name)) {
                    seqKind = value;
                    // For a number this is the literal as sent, so 7, 7.50 or 1e3 come back unchanged.
                    seqText = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            return new Message(type, id, seqKind, seqText);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("jackson failed to read from a byte array, which performs no I/O", e);
        }
    }

    /**
     * @return {@code {"type":"welcome","session":ID,"keepalive_ms":MS}}
     */
    byte[] welcome(String sessionId, long keepAliveMillis) {
        ByteArrayBuilder out = new ByteArrayBuilder(64);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "welcome");
            g.writeStringField("session", sessionId);
            g.writeNumberField("keepalive_ms", keepAliveMillis);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("jackson failed to write to a byte array, which performs no I/O", e);
        }
        return out.toByteArray();
    }

    /**
     * @return {@code {"type":"pong","seq":SEQ}} with the ping's seq copied verbatim, or
     *         {@code {"type":"pong"}} if the ping had no scalar seq
     */
    byte[] pong(Message ping) {
        ByteArrayBuilder out = new ByteArrayBuilder(32);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "pong");
            if (ping.seqKind() != null) {
                g.writeFieldName("seq");
                writeScalar(g, ping.seqKind(), ping.seqText());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("jackson failed to write to a byte array, which performs no I/O", e);
        }
        return out.toByteArray();
    }

    private static void writeScalar(JsonGenerator g, JsonToken kind, String text) throws IOException {
        switch (kind) {
            case VALUE_STRING -> g.writeString(text);
            // writeNumber(String) emits the literal as given: no round trip through long or double.
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(text);
            case VALUE_TRUE -> g.writeBoolean(true);
            case VALUE_FALSE -> g.writeBoolean(false);
            default -> g.writeNull();
        }
    }
}
