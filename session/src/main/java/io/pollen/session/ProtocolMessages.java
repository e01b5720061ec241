package io.pollen.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pollen.codec.json.JsonMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The JSON payloads the session layer itself sends: {@code welcome}, {@code pong} and {@code ping}.
 * Stateless; safe from any thread.
 */
final class ProtocolMessages {
    private static final JsonFactory JSON = new JsonFactory();

    private ProtocolMessages() {
    }

    /** {@code {"type":"welcome","session":ID,"keepalive_ms":N}} */
    static ByteBuffer welcome(String sessionId, long keepAliveMillis) {
        return write(g -> {
            g.writeStringField("type", "welcome");
            g.writeStringField("session", sessionId);
            g.writeNumberField("keepalive_ms", keepAliveMillis);
        });
    }

    /** {@code {"type":"pong","seq":SEQ}}, with the ping's {@code seq} copied, whatever its JSON kind. */
    static ByteBuffer pong(JsonMessage ping) {
        return write(g -> {
            g.writeStringField("type", "pong");
            if (ping.has("seq")) {
                g.writeFieldName("seq");
                writeValue(g, ping, "seq");
            }
        });
    }

    private static void writeValue(JsonGenerator g, JsonMessage message, String name) throws IOException {
        switch (message.kind(name)) {
            case STRING -> g.writeString(message.getString(name));
            case BOOLEAN -> g.writeBoolean(message.getBoolean(name));
            case NULL -> g.writeNull();
            case NUMBER -> {
                double value = message.getDouble(name);
                if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
                    g.writeNumber(message.getLong(name));
                } else {
                    g.writeNumber(value);
                }
            }
            case OBJECT, ARRAY -> g.writeRawValue(message.rawJson(name));
        }
    }

    /** {@code {"type":"ping","seq":SEQ}} */
    static ByteBuffer ping(long seq) {
        return write(g -> {
            g.writeStringField("type", "ping");
            g.writeNumberField("seq", seq);
        });
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private static ByteBuffer write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            // Writing to memory cannot fail on I/O; jackson only declares the exception.
            throw new UncheckedIOException("writing a protocol message to memory failed", e);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }
}
