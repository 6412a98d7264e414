package dev.sluice.examples.readme;

import dev.sluice.api.codec.AvroCodec;
import org.apache.avro.Schema;
import org.apache.avro.reflect.AvroSchema;

/** A click as the browser sends it (the reference app's, cut down); the snippets read it as generic records. */
public record ClickEvent(String eventId, String userId, String url, String userAgent, String country, long durationMs,
                         @AvroSchema(EnrichedClick.TIMESTAMP_MILLIS) long timestamp) {

    private static final Schema SCHEMA = AvroCodec.reflect(ClickEvent.class).schema();

    /** Named as Avro's generated classes name it, so the snippets read as they would with those. */
    public static Schema getClassSchema() {
        return SCHEMA;
    }
}
