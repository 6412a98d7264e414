package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.Event;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import java.time.Instant;
import java.util.List;

/** Deterministic benchmark events: 5% bots, realistic field sizes (about 260 bytes in Avro). */
public final class Events {

    private static final List<String> COUNTRIES = List.of("DE", "US", "FR", "GB", "IN", "BR", "JP", "NL", "CA", "AU", "MX");
    private static final List<String> AGENTS = List.of(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15");

    private Events() {}

    public static Event event(long i) {
        return Event.newBuilder()
                .setEventId("evt-" + i)
                .setUserId("user-" + (i % 50_000))
                .setSessionId("sess-" + (i % 50_000) + "-" + (i / 200))
                .setUrl("/Products/" + (i % 5_000) + "?utm_source=newsletter&ref=" + (i % 97))
                .setReferrer(i % 3 == 0 ? null : "https://search.example.com/?q=item+" + (i % 1_000))
                .setUserAgent(AGENTS.get((int) (i % AGENTS.size())))
                .setCountry(COUNTRIES.get((int) (i % COUNTRIES.size())))
                .setDurationMs(500 + (i * 37) % 60_000)
                .setScrollPct((int) (i % 101))
                .setPrice(1.99 + (i % 10_000) / 100.0)
                .setTimestamp(Instant.ofEpochMilli(1_795_503_600_000L + i))
                .setBot(i % 20 == 7)
                .build();
    }

    /** Events kept by the filter among the first {@code n}. */
    public static long kept(long n) {
        return n - (n / 20 + (n % 20 > 7 ? 1 : 0));
    }

    public static ConfluentAvroCodec<Event> codec(SchemaRegistryClient registry) {
        return ConfluentAvroCodec.specific(registry, "events-value", Event.class);
    }
}
