package dev.sluice.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.formats.JsonConversionException.FieldError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON answers of the ingest server. A batch answer lists what was not accepted; every index
 * listed in neither {@code rejected} nor {@code failed} was acknowledged by Kafka:
 * <pre>{"accepted":98,"rejected":[{"index":3,"errors":[{"path":"$.user","reason":"required field is missing"}]}],
 *  "failed":[{"index":7,"reason":"not acknowledged by Kafka: ..."}]}</pre>
 * Errors are {@code {"error":"..."}}. No answer carries a stack trace.
 */
final class Replies {

    private static final JsonFactory JSON = new JsonFactory();

    /** A record Kafka did not acknowledge. */
    record Failed(int index, String reason) {}

    private Replies() {}

    /** 200 all accepted; 207 some accepted, some rejected; 400 none accepted; 503 when Kafka failed any. */
    static Reply batch(int accepted, List<Rejection> rejected, List<Failed> failed, long retryAfterSeconds) {
        int status = !failed.isEmpty() ? 503 : rejected.isEmpty() ? 200 : accepted == 0 ? 400 : 207;
        byte[] body = write(g -> {
            g.writeNumberField("accepted", accepted);
            g.writeArrayFieldStart("rejected");
            for (Rejection r : rejected) {
                g.writeStartObject();
                g.writeNumberField("index", r.index());
                g.writeArrayFieldStart("errors");
                for (FieldError e : r.errors()) {
                    g.writeStartObject();
                    g.writeStringField("path", e.path());
                    g.writeStringField("reason", e.reason());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("failed");
            for (Failed f : failed) {
                g.writeStartObject();
                g.writeNumberField("index", f.index());
                g.writeStringField("reason", f.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
        return new Reply(status, body, status == 503 ? retryAfterSeconds : 0);
    }

    static Reply error(int status, String message) {
        return Reply.of(status, write(g -> g.writeStringField("error", message)));
    }

    static Reply retryLater(int status, String message, long retryAfterSeconds) {
        return new Reply(status, write(g -> g.writeStringField("error", message)), retryAfterSeconds);
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
