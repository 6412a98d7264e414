package dev.sluice.examples.readme;

import dev.sluice.api.Emitter;
import dev.sluice.api.Envelope;
import dev.sluice.api.Transform;
import dev.sluice.api.error.DataException;
import java.util.Locale;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A {@link ClickEvent} to an {@link EnrichedClick}, both generic records: what the batch job reads
 * and writes (the reference app's transform, cut down).
 */
public final class EnrichClicks implements Transform<GenericRecord, GenericRecord> {

    /** Bots and crawlers are not visitors. */
    public static boolean isHuman(GenericRecord click) {
        String agent = click.get("userAgent").toString().toLowerCase(Locale.ROOT);
        return !(agent.contains("bot") || agent.contains("crawler"));
    }

    @Override
    public void apply(Envelope<GenericRecord> in, Emitter<GenericRecord> out) {
        GenericRecord c = in.value();
        long duration = (Long) c.get("durationMs");
        if (duration < 0) {
            throw new DataException("$.durationMs: must not be negative, got " + duration);
        }
        String url = c.get("url").toString();
        GenericRecord e = new GenericData.Record(EnrichedClick.getClassSchema());
        for (String field : new String[] {"eventId", "userId", "url", "country", "durationMs", "timestamp"}) {
            e.put(field, c.get(field));
        }
        e.put("pageCategory", url.startsWith("/products") ? "products" : "other");
        e.put("bounce", duration < 5_000);
        out.emit(in.withValue(e));
    }
}
