package dev.sluice.reference;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.reference.model.EnrichedClick;
import java.time.Instant;
import java.util.List;

/** A raw zone written by the raw zone's own sink ({@link RawZone#sink}), without Kafka: clean clicks over two days. */
final class RawZoneFiles {

    static final long FIRST = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();

    private RawZoneFiles() {}

    /** Just after the last of {@code n} clicks, in the microseconds Sluice's Parquet (and a table loaded from it) counts in. */
    static long endMicros(int n) {
        return (FIRST + n * 10_000L) * 1_000;
    }

    /** Writes {@code n} clicks, 10 s apart from 2026-11-25, as if read from three partitions of the clean topic. */
    static void write(AppConfig.Lake lake, int n) {
        var failures = new FailureHandler("raw-zone-files", ErrorPolicies.defaults(), DeadLetterSink.none(), PipelineListener.noop());
        try (SinkWriter<EnrichedClick> w = RawZone.sink(lake).createWriter(new SinkContext(failures, PipelineListener.noop(), 0))) {
            for (int i = 0; i < n; i++) {
                Instant at = Instant.ofEpochMilli(FIRST + i * 10_000L);
                EnrichedClick c = new EnrichedClick("e-" + i, "u-" + i % 311, "s-" + i / 20, "/products/" + i % 50,
                        List.of("products", "cart", "search", "home").get(i % 4), List.of("mobile", "desktop").get(i % 2),
                        List.of("DE", "US", "FR").get(i % 3), (long) (i * 37 % 20_000), i % 7 == 0, at);
                w.write(Envelope.of(c, null, EnvelopeHeaders.empty(), new Position.Kafka(CleanClicks.CLEAN, i % 3, i / 3), at, null));
            }
            w.flush();
        }
    }
}
