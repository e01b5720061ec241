package io.pollen.cluster.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.session.cluster.SessionSnapshot;
import io.pollen.session.cluster.SessionSnapshotJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Session snapshots in reply bodies: one as {@link SessionSnapshotJson}'s object (an empty body for
 * none), a page as a JSON array of them. Stateless; safe from any thread.
 */
final class SnapshotBodies {
    private static final JsonFactory JSON = new JsonFactory();

    private SnapshotBodies() {
    }

    static byte[] one(Optional<SessionSnapshot> snapshot) {
        if (snapshot.isEmpty()) {
            return new byte[0];
        }
        return write(json -> SessionSnapshotJson.write(json, snapshot.get()));
    }

    static byte[] page(List<SessionSnapshot> snapshots) {
        return write(json -> {
            json.writeStartArray();
            for (SessionSnapshot snapshot : snapshots) {
                SessionSnapshotJson.write(json, snapshot);
            }
            json.writeEndArray();
        });
    }

    static Optional<SessionSnapshot> readOne(ByteBuffer body) {
        if (!body.hasRemaining()) {
            return Optional.empty();
        }
        return Optional.of(read(body, json -> {
            json.nextToken();
            return SessionSnapshotJson.read(json);
        }));
    }

    static List<SessionSnapshot> readPage(ByteBuffer body) {
        return read(body, json -> {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("a page must be a JSON array");
            }
            List<SessionSnapshot> page = new ArrayList<>();
            while (json.nextToken() == JsonToken.START_OBJECT) {
                page.add(SessionSnapshotJson.read(json));
            }
            return page;
        });
    }

    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private interface Reader<T> {
        T read(JsonParser json) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            // A generator over memory fails only on a bug.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static <T> T read(ByteBuffer body, Reader<T> reader) {
        byte[] bytes = new byte[body.remaining()];
        body.duplicate().get(bytes);
        try (JsonParser json = JSON.createParser(bytes)) {
            return reader.read(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a session snapshot body: " + e.getMessage(), e);
        }
    }
}
