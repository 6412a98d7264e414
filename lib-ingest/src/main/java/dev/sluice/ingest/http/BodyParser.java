package dev.sluice.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.api.error.DataException;
import dev.sluice.formats.JsonAvroConverter;
import dev.sluice.formats.JsonConversionException;
import dev.sluice.formats.SchemaRegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * The body is read as a stream of tokens, record by record, not as a tree of the whole body (its
     * cost showed in profiles); only an object or array under a known field becomes a tree.
     */
    private static final JsonFactory JSON = new JsonFactory();

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

    /**
     * One object, or an array of them; malformed JSON anywhere refuses the whole body, before what
     * the body holds is judged (so {@code [] x} and {@code 5 6} are invalid JSON).
     */
    private Parsed json(byte[] body) {
        Parsed out = new Parsed(new ArrayList<>(), new ArrayList<>());
        JsonToken root;
        try (JsonParser p = JSON.createParser(body)) {
            root = p.nextToken();
            if (root == null) {
                throw new BadBody("empty body: expected a JSON object or an array of objects");
            }
            if (root == JsonToken.START_ARRAY) {
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    add(out, element(out.records().size(), p, t));
                }
            } else if (root == JsonToken.START_OBJECT) {
                add(out, element(0, p, root));
            } else {
                p.finishToken(); // a scalar, read in full: a bad escape in a string is invalid JSON too
            }
            if (p.nextToken() != null) { // strict: {...}garbage is an error, not a record followed by ignored bytes
                throw new BadBody("invalid JSON" + at(p.currentTokenLocation()) + ": content after the body's " + kind(root));
            }
        } catch (JsonProcessingException e) {
            throw new BadBody("invalid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadBody("unreadable JSON: " + e.getMessage());
        }
        if (root != JsonToken.START_ARRAY && root != JsonToken.START_OBJECT) {
            throw new BadBody("expected a JSON object or an array of objects, got " + kind(root));
        }
        if (out.records().isEmpty()) {
            throw new BadBody("empty array: expected at least one record");
        }
        return out;
    }

    /** One object per line; a line that is not one is rejected, the others go on. */
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
                try (JsonParser p = JSON.createParser(body, start, end - start)) {
                    Object one = element(index, p, p.nextToken());
                    if (p.nextToken() != null) {
                        one = Rejection.of(index, "$", "invalid JSON on line " + line + column(p.currentTokenLocation())
                                + ": content after the line's value");
                    }
                    add(out, one);
                } catch (JsonProcessingException e) {
                    add(out, Rejection.of(index, "$", "invalid JSON on line " + line + column(e.getLocation()) + ": " + e.getOriginalMessage()));
                } catch (IOException e) {
                    add(out, Rejection.of(index, "$", "unreadable JSON on line " + line + ": " + e.getMessage()));
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

    /**
     * The record (or the rejection) of the value at token {@code t}, which the parser is at; the
     * parser is left at the value's last token.
     */
    private Object element(int index, JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Rejection.of(index, "$", "expected a JSON object, got " + kind(t));
        }
        try {
            return converter.convert(p);
        } catch (JsonConversionException e) {
            return new Rejection(index, e.errors());
        } catch (DataException e) {
            return Rejection.of(index, "$", e.getMessage());
        }
    }

    private static void add(Parsed out, Object recordOrRejection) {
        if (recordOrRejection instanceof Rejection r) {
            out.records().add(null);
            out.rejected().add(r);
        } else {
            out.records().add((GenericRecord) recordOrRejection);
        }
    }

    /** What a value starting at {@code t} is, as JSON names it. */
    private static String kind(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String at(JsonLocation loc) {
        return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String column(JsonLocation loc) {
        return loc == null ? "" : ", column " + loc.getColumnNr();
    }
}
