package dev.sluice.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.error.DataException;
import dev.sluice.formats.JsonAvroConverter;
import dev.sluice.formats.JsonConversionException;
import dev.sluice.formats.SchemaRegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns one request body into the stream's Avro records, record by record: a record that does not
 * fit is rejected with its index and field paths while the others go on. A body that cannot be
 * split into records at all (malformed JSON, not an object or array) throws {@link BadBody}.
 * Thread-safe.
 */
final class BodyParser {

    /** The body as a whole is unusable; the message names line and column where it can. */
    static final class BadBody extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadBody(String message) {
            super(message, null, false, false);
        }
    }

    /** The records of a body, index-aligned ({@code null} where rejected), and the rejections. */
    record Parsed(List<GenericRecord> records, List<Rejection> rejected) {}

    /** Strict: {@code {...}garbage} is an error, not a record followed by ignored bytes. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final IngestStream stream;
    private final JsonAvroConverter converter;

    BodyParser(IngestStream stream) {
        this.stream = stream;
        this.converter = new JsonAvroConverter(stream.schema());
    }

    Parsed parse(BodyFormat format, byte[] body) {
        return switch (format) {
            case JSON -> json(body);
            case NDJSON -> ndjson(body);
            case AVRO -> avro(body);
        };
    }

    private Parsed json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadBody(jsonError("invalid JSON", e));
        } catch (IOException e) {
            throw new BadBody("unreadable JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadBody("empty body: expected a JSON object or an array of objects");
        }
        Parsed out = new Parsed(new ArrayList<>(), new ArrayList<>());
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new BadBody("empty array: expected at least one record");
            }
            for (int i = 0; i < root.size(); i++) {
                convert(i, root.get(i), out);
            }
        } else if (root.isObject()) {
            convert(0, root, out);
        } else {
            throw new BadBody("expected a JSON object or an array of objects, got " + root.getNodeType().name().toLowerCase());
        }
        return out;
    }

    private Parsed ndjson(byte[] body) {
        Parsed out = new Parsed(new ArrayList<>(), new ArrayList<>());
        int line = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            if (!blank(body, start, end)) {
                int index = out.records().size();
                try {
                    convert(index, JSON.readTree(body, start, end - start), out);
                } catch (JsonProcessingException e) {
                    out.records().add(null);
                    out.rejected().add(Rejection.of(index, "$", "invalid JSON on line " + line + column(e) + ": " + e.getOriginalMessage()));
                } catch (IOException e) {
                    out.records().add(null);
                    out.rejected().add(Rejection.of(index, "$", "unreadable JSON on line " + line + ": " + e.getMessage()));
                }
            }
            start = end + 1;
        }
        if (out.records().isEmpty()) {
            throw new BadBody("empty body: expected one JSON object per line");
        }
        return out;
    }

    private Parsed avro(byte[] body) {
        if (stream.avroBodies() == null) {
            throw new IllegalStateException("checked by the handler: stream " + stream.name() + " takes no Avro bodies");
        }
        Parsed out = new Parsed(new ArrayList<>(1), new ArrayList<>(0));
        try {
            out.records().add(stream.avroBodies().decode(body));
        } catch (DataException | SchemaRegistryException e) {
            // Unknown schema ids, bytes that do not decode, writer schemas that do not resolve.
            out.records().add(null);
            out.rejected().add(Rejection.of(0, "$", e.getMessage()));
        }
        return out;
    }

    private void convert(int index, JsonNode node, Parsed out) {
        if (node == null || !node.isObject()) {
            out.records().add(null);
            out.rejected().add(Rejection.of(index, "$", "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase())));
            return;
        }
        try {
            out.records().add(converter.convert(node));
        } catch (JsonConversionException e) {
            out.records().add(null);
            out.rejected().add(new Rejection(index, e.errors()));
        } catch (DataException e) {
            out.records().add(null);
            out.rejected().add(Rejection.of(index, "$", e.getMessage()));
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String jsonError(String what, JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return what + where + ": " + e.getOriginalMessage();
    }

    private static String column(JsonProcessingException e) {
        return e.getLocation() == null ? "" : ", column " + e.getLocation().getColumnNr();
    }
}
