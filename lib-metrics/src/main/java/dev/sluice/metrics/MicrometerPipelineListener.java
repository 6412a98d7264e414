package dev.sluice.metrics;

import dev.sluice.api.Require;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.Failure;
import dev.sluice.api.metrics.MetricGroup;
import dev.sluice.api.metrics.PipelineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns {@link PipelineListener} events into Micrometer meters, all tagged {@code pipeline}:
 * <ul>
 *   <li>{@code sluice.records.in} / {@code sluice.records.out} (counters, tag {@code component})</li>
 *   <li>{@code sluice.failures} (counter, tags {@code stage}, {@code component}, {@code decision}, {@code exception}, {@code reason}: the failure's short code, such as the server's error type, else {@code none})</li>
 *   <li>{@code sluice.latency} (timer, tag {@code component})</li>
 *   <li>{@code sluice.commit.time} (timer) and {@code sluice.commit.positions} (counter)</li>
 *   <li>{@code sluice.partitions.paused} (gauge): partitions paused for backpressure</li>
 *   <li>{@code sluice.records.late} (counter, tag {@code component}): rows a windowed query left out as later than its watermark</li>
 * </ul>
 * Meters are created on first use and cached, so the hot path does no registry lookup. Components
 * register their own meters through {@link #metricGroup()}, tagged {@code pipeline} too: the Kafka
 * source's {@code sluice.consumer.lag} (gauge, tags {@code topic}, {@code partition}), the S3
 * sink's {@code sluice.sink.files} (counter, tags {@code component}, {@code reason}: why the file
 * was closed), {@code sluice.sink.bytes}, {@code sluice.sink.upload.time} and
 * {@code sluice.sink.open.files}.
 */
public final class MicrometerPipelineListener implements PipelineListener {

    private final MeterRegistry registry;
    private final String pipeline;
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();
    private final Map<String, Counter> late = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final AtomicLong paused = new AtomicLong();
    private final MicrometerMetricGroup group;
    private final Timer commitTime;
    private final Counter commitPositions;

    public MicrometerPipelineListener(MeterRegistry registry, String pipeline) {
        this.registry = Require.nonNull(registry, "registry");
        this.pipeline = Require.nonBlank(pipeline, "pipeline");
        this.group = new MicrometerMetricGroup(registry, pipeline);
        // Histograms (buckets), so the dashboards' and alerts' histogram_quantile over many processes can be computed.
        this.commitTime = Timer.builder("sluice.commit.time").description("Time to commit source positions")
                .tag("pipeline", pipeline).publishPercentileHistogram().register(registry);
        this.commitPositions = Counter.builder("sluice.commit.positions").description("Source positions committed")
                .tag("pipeline", pipeline).register(registry);
        Gauge.builder("sluice.partitions.paused", paused, AtomicLong::get).description("Partitions paused for backpressure")
                .tag("pipeline", pipeline).register(registry);
    }

    @Override
    public void onPaused(int partitions) {
        paused.set(partitions);
    }

    @Override
    public void onRecordsIn(String component, int count) {
        in.computeIfAbsent(component, c -> counter("sluice.records.in", "Records that entered a component", c)).increment(count);
    }

    @Override
    public void onRecordsOut(String component, int count) {
        out.computeIfAbsent(component, c -> counter("sluice.records.out", "Records that left a component", c)).increment(count);
    }

    @Override
    public void onLateRecords(String component, long count) {
        late.computeIfAbsent(component, c -> counter("sluice.records.late", "Rows a windowed query left out as later than its watermark", c))
                .increment(count);
    }

    @Override
    public void onFailure(Failure failure, Decision decision) {
        String exception = failure.cause().getClass().getSimpleName();
        String reason = failure.reason();
        String key = failure.stage() + "|" + failure.component() + "|" + decision + "|" + exception + "|" + reason;
        failures.computeIfAbsent(key, k -> Counter.builder("sluice.failures")
                .description("Failed record attempts by stage and the decision taken")
                .tags("pipeline", pipeline, "stage", failure.stage().tag(), "component", failure.component(),
                        "decision", decision.tag(), "exception", exception, "reason", reason)
                .register(registry)).increment();
    }

    @Override
    public void onLatency(String component, long nanos) {
        latency.computeIfAbsent(component, c -> Timer.builder("sluice.latency").description("Time spent in a component")
                .tags("pipeline", pipeline, "component", c).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onCommit(int positions, Duration took) {
        commitTime.record(took);
        commitPositions.increment(positions);
    }

    @Override
    public void onRecordsDeleted(String topic, int partition, long count) {
        Counter.builder("sluice.source.records.deleted").description("Records the broker deleted (retention) before the group read them")
                .tags("pipeline", pipeline, "topic", topic).register(registry).increment(count);
    }

    @Override
    public MetricGroup metricGroup() {
        return group;
    }

    private Counter counter(String name, String description, String component) {
        return Counter.builder(name).description(description).tags("pipeline", pipeline, "component", component).register(registry);
    }
}
