package dev.sluice.ingest.http;

import java.util.Locale;

/** The request bodies {@code /ingest} understands, by {@code Content-Type} (parameters such as charset ignored). */
enum BodyFormat {
    /** {@code application/json}: one object, or an array of objects. */
    JSON,
    /** {@code application/x-ndjson} (or {@code application/ndjson}, {@code application/jsonl}): one object per line. */
    NDJSON,
    /** {@code application/vnd.confluent.avro} (or {@code avro/binary}): one record in the Confluent wire format. */
    AVRO;

    /** The format of a content type, or null when it is not one of ours (answered 415). */
    static BodyFormat of(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String mime = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return switch (mime) {
            case "application/json" -> JSON;
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines" -> NDJSON;
            case "application/vnd.confluent.avro", "avro/binary" -> AVRO;
            default -> null;
        };
    }
}
