package dev.sluice.reference;

import dev.sluice.api.Emitter;
import dev.sluice.api.Envelope;
import dev.sluice.api.Transform;
import dev.sluice.api.error.DataException;
import dev.sluice.reference.model.EnrichedClick;
import java.time.Instant;
import java.util.Locale;
import org.apache.avro.generic.GenericRecord;

/**
 * Validates a click and adds what analytics groups by: page category, device class, bounce. The
 * same class will run in the stream runtime and in the Spark batch job.
 */
public final class EnrichClicks implements Transform<GenericRecord, EnrichedClick> {

    private static final long serialVersionUID = 1L;
    static final long BOUNCE_MS = 5_000;

    /** Bots and crawlers are not visitors. */
    public static boolean isHuman(GenericRecord click) {
        String agent = click.get("userAgent").toString().toLowerCase(Locale.ROOT);
        return !(agent.contains("bot") || agent.contains("spider") || agent.contains("crawler"));
    }

    @Override
    public void apply(Envelope<GenericRecord> in, Emitter<EnrichedClick> out) {
        GenericRecord c = in.value();
        if (c == null) {
            throw new DataException("tombstone on the clicks topic: a click must have a value");
        }
        String country = c.get("country").toString();
        if (!country.matches("[A-Z]{2}")) {
            throw new DataException("$.country: expected an ISO 3166-1 alpha-2 code, got \"" + country + "\"");
        }
        long duration = (Long) c.get("durationMs");
        if (duration < 0) {
            throw new DataException("$.durationMs: must not be negative, got " + duration);
        }
        String url = c.get("url").toString();
        out.emit(in.withValue(EnrichedClick.newBuilder()
                .setEventId(c.get("eventId").toString())
                .setUserId(c.get("userId").toString())
                .setSessionId(c.get("sessionId").toString())
                .setUrl(url)
                .setPageCategory(category(url))
                .setDevice(device(c.get("userAgent").toString()))
                .setCountry(country)
                .setDurationMs(duration)
                .setBounce(duration < BOUNCE_MS)
                .setTimestamp(Instant.ofEpochMilli((Long) c.get("timestamp")))
                .build()));
    }

    static String category(String url) {
        String path = url.split("[?#]", 2)[0];
        if (path.equals("/") || path.isEmpty()) {
            return "home";
        }
        String first = path.substring(1).split("/", 2)[0];
        return switch (first) {
            case "products", "cart", "checkout", "search" -> first;
            default -> "other";
        };
    }

    static String device(String userAgent) {
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("ipad") || ua.contains("tablet")) {
            return "tablet";
        }
        return ua.contains("mobile") || ua.contains("iphone") || ua.contains("android") ? "mobile" : "desktop";
    }
}
