package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records tokens and the outcome of a stream parse as strings, and gives the verdicts that small and
 * streamed parsing must agree on.
 */
class TokenRecorder implements JsonTokenListener {

    final List<String> tokens = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    /** Each announced type, with the number of tokens delivered before the announcement. */
    final List<String> types = new ArrayList<>();
    /** Each chunk's text, with the tokens delivered before it. */
    final List<String> chunks = new ArrayList<>();

    @Override
    public void onToken(JsonToken token, JsonParser parser) throws IOException {
        tokens.add(describe(token, parser));
    }

    @Override
    public void onChunk(ByteBuffer chunk) throws IOException {
        chunks.add(StandardCharsets.UTF_8.decode(chunk) + "@" + tokens.size());
    }

    @Override
    public void onType(String type) {
        types.add(type + "@" + tokens.size());
    }

    @Override
    public void onComplete(String type, long payloadBytes, long tokenCount) {
        outcomes.add("complete:" + type + ":" + payloadBytes + ":" + tokenCount);
    }

    @Override
    public void onAbort(Throwable cause) {
        outcomes.add("abort:" + cause.getClass().getSimpleName());
    }

    static String describe(JsonToken token, JsonParser parser) throws IOException {
        return switch (token) {
            case FIELD_NAME -> "name:" + parser.currentName();
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> token + ":" + parser.getText();
            default -> token.toString();
        };
    }

    /** The tokens of a document as jackson's blocking parser reads them: the reference. */
    static List<String> blockingTokens(String json) {
        List<String> tokens = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                tokens.add(describe(token, parser));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /** What parsing a payload whole concludes: ok:type, bad_json:ERROR or bad_message. */
    static String smallVerdict(JsonMessageParser parser, byte[] payload) {
        try {
            return "ok:" + parser.parse(ByteBuffer.wrap(payload)).type();
        } catch (BadJsonException e) {
            return "bad_json:" + e.error() + (e.limit() == null ? "" : ":" + e.limit());
        } catch (BadMessageException e) {
            return "bad_message";
        }
    }

    /** What parsing a payload in chunks cut at {@code cuts} concludes, in the same terms. */
    static String streamedVerdict(JsonMessageParser parser, byte[] payload, int... cuts) {
        TokenRecorder recorder = new TokenRecorder();
        JsonStreamParser stream = parser.newStreamParser(recorder);
        String verdict;
        try {
            int start = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int end = i < cuts.length ? cuts[i] : payload.length;
                byte[] chunk = Arrays.copyOfRange(payload, start, end);
                stream.feed(ByteBuffer.wrap(chunk).asReadOnlyBuffer());
                // The reactor reuses its read buffer: the parser must not look at a chunk again.
                Arrays.fill(chunk, (byte) '!');
                start = end;
            }
            stream.finish();
            verdict = "ok:" + stream.type();
        } catch (BadJsonException e) {
            verdict = "bad_json:" + e.error() + (e.limit() == null ? "" : ":" + e.limit());
        } catch (BadMessageException e) {
            verdict = "bad_message";
        }
        if (recorder.outcomes.size() != 1 || !stream.isEnded()) {
            throw new AssertionError("expected exactly one outcome and an ended parser, got " + recorder.outcomes);
        }
        return verdict;
    }
}
