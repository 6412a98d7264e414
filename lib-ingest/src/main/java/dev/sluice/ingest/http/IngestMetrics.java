package dev.sluice.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The ingest server's meters: {@code sluice.ingest.requests{stream,status}},
 * {@code sluice.ingest.records{stream,outcome=accepted|rejected|failed}},
 * {@code sluice.ingest.latency{stream}} (request in to answer out, with a histogram for p99) and
 * the gauges {@code sluice.ingest.inflight.records} and {@code sluice.ingest.idempotency.keys}.
 * Meters are looked up once per tag set and cached: the hot path does no registry lookups.
 */
final class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry, Supplier<Number> inFlight, Supplier<Number> idempotencyKeys) {
        this.registry = registry;
        Gauge.builder("sluice.ingest.inflight.records", inFlight).description("records sent to Kafka and not yet acknowledged").register(registry);
        Gauge.builder("sluice.ingest.idempotency.keys", idempotencyKeys).description("Idempotency-Keys remembered").register(registry);
    }

    void request(String stream, int status, long nanos) {
        counters.computeIfAbsent("r|" + stream + "|" + status, k -> Counter.builder("sluice.ingest.requests")
                .description("answered requests by HTTP status").tag("stream", stream).tag("status", Integer.toString(status))
                .register(registry)).increment();
        timers.computeIfAbsent(stream, k -> Timer.builder("sluice.ingest.latency").tag("stream", stream)
                .publishPercentileHistogram().description("from request to answer").register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void records(String stream, int accepted, int rejected, int failed) {
        add(stream, "accepted", accepted);
        add(stream, "rejected", rejected);
        add(stream, "failed", failed);
    }

    private void add(String stream, String outcome, int n) {
        if (n > 0) {
            counters.computeIfAbsent("n|" + stream + "|" + outcome, k -> Counter.builder("sluice.ingest.records")
                    .description("records by outcome: acknowledged by Kafka, rejected as invalid, or failed in Kafka")
                    .tag("stream", stream).tag("outcome", outcome).register(registry)).increment(n);
        }
    }
}
