package dev.sluice.api.metrics;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.Failure;
import java.time.Duration;
import java.util.List;

/**
 * Events a pipeline reports as it runs. Metrics ({@code MicrometerPipelineListener} in sluice-metrics), health checks
 * and progress printers are listeners.
 *
 * <p>Contract: methods are called on the pipeline's hot path, from its worker threads, possibly
 * concurrently: implementations must be thread-safe, fast and must not throw. Every method has a
 * no-op default so the interface can grow without breaking implementations.
 */
@Public
public interface PipelineListener {

    /** {@code count} records entered {@code component} (a source, transform or sink). */
    default void onRecordsIn(String component, int count) {}

    /** {@code count} records left {@code component}. */
    default void onRecordsOut(String component, int count) {}

    /** A record failed and the policy decided; called once per attempt. */
    default void onFailure(Failure failure, Decision decision) {}

    /** Time one record (or one batch, for sinks) spent in {@code component}. */
    default void onLatency(String component, long nanos) {}

    /** Source positions were committed. */
    default void onCommit(int positions, Duration took) {}

    /**
     * The broker deleted {@code count} records of a partition (retention) after the group's last
     * commit and before anyone read them: they cannot be processed, and the source goes on after
     * them. Never Sluice's doing; reported so that it is never silent.
     */
    default void onRecordsDeleted(String topic, int partition, long count) {}

    /**
     * A windowed query left out {@code count} rows whose window had closed (behind its watermark),
     * as Flink's {@code numLateRecordsDropped}; reported so that a late row is never dropped
     * silently. Where the engine pre-aggregates before the check (Spark), {@code count} is its
     * count of late pre-aggregated rows: at least one per late window and key, at most the rows.
     * A query's count is reported once at zero when it starts.
     */
    default void onLateRecords(String component, long count) {}

    /** The runtime paused (or resumed) partitions for backpressure; {@code partitions} are paused now. */
    default void onPaused(int partitions) {}

    /**
     * Where components register the metrics that are their own (a sink's files, a source's lag);
     * see {@link MetricGroup}. None by default.
     */
    default MetricGroup metricGroup() {
        return MetricGroup.noop();
    }

    static PipelineListener noop() {
        return NoopListener.INSTANCE;
    }

    /** Forwards every event to each listener in turn. */
    static PipelineListener composite(PipelineListener... listeners) {
        List<PipelineListener> all = List.of(listeners);
        MetricGroup group = MetricGroup.composite(all.stream().map(PipelineListener::metricGroup).toList());
        return new PipelineListener() {
            @Override
            public void onRecordsIn(String component, int count) {
                all.forEach(l -> l.onRecordsIn(component, count));
            }

            @Override
            public void onRecordsOut(String component, int count) {
                all.forEach(l -> l.onRecordsOut(component, count));
            }

            @Override
            public void onFailure(Failure failure, Decision decision) {
                all.forEach(l -> l.onFailure(failure, decision));
            }

            @Override
            public void onLatency(String component, long nanos) {
                all.forEach(l -> l.onLatency(component, nanos));
            }

            @Override
            public void onCommit(int positions, Duration took) {
                all.forEach(l -> l.onCommit(positions, took));
            }

            @Override
            public void onRecordsDeleted(String topic, int partition, long count) {
                all.forEach(l -> l.onRecordsDeleted(topic, partition, count));
            }

            @Override
            public void onPaused(int partitions) {
                all.forEach(l -> l.onPaused(partitions));
            }

            @Override
            public void onLateRecords(String component, long count) {
                all.forEach(l -> l.onLateRecords(component, count));
            }

            @Override
            public MetricGroup metricGroup() {
                return group;
            }
        };
    }

    /** See {@link #noop()}. */
    enum NoopListener implements PipelineListener {
        INSTANCE
    }
}
