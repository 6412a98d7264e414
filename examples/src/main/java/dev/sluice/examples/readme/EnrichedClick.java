package dev.sluice.examples.readme;

import dev.sluice.api.codec.AvroCodec;
import org.apache.avro.Schema;
import org.apache.avro.reflect.AvroSchema;

/** A click with what analytics groups by; {@link EnrichClicks} makes it, as a generic record of this schema. */
public record EnrichedClick(String eventId, String userId, String url, String pageCategory, String country, long durationMs,
                            boolean bounce, @AvroSchema(TIMESTAMP_MILLIS) long timestamp) {

    /** Event time as an Avro timestamp, which the index naming and the streaming SQL's watermark need. */
    static final String TIMESTAMP_MILLIS = "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}";
    private static final Schema SCHEMA = AvroCodec.reflect(EnrichedClick.class).schema();

    /** Named as Avro's generated classes name it, so the snippets read as they would with those. */
    public static Schema getClassSchema() {
        return SCHEMA;
    }
}
