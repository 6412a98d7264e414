package dev.sluice.api.metrics;

import dev.sluice.api.annotation.Public;
import java.time.Duration;
import java.util.List;

/**
 * Where a connector registers the metrics that are its own (a sink's files, a source's lag), as
 * Flink's {@code MetricGroup}: the runtime's own events go through {@link PipelineListener}, and a
 * component asks its context for this group ({@code SinkContext.metricGroup()},
 * {@code SourceContext.metricGroup()}) to make the rest.
 *
 * <p>Contract: a metric is its name and its tags; asking twice for the same pair answers
 * instruments that count into the same metric. Callers make their instruments once (at open, or
 * on the first record of a new tag value) and keep them: making one may cost a registry lookup,
 * using one must not. Names are dotted lower case ({@code sluice.sink.files}); tags are given as
 * key, value pairs, and the group adds its own (the pipeline's name, say). Implementations and
 * instruments are thread-safe and never throw from a record, add or set.
 */
@Public
public interface MetricGroup {

    /** A count that only grows. */
    @FunctionalInterface
    interface LongCounter {
        void add(long n);
    }

    /** A value read as it is now. */
    @FunctionalInterface
    interface LongGauge {
        void set(long value);
    }

    /** A distribution of durations, with buckets so that quantiles can be computed over processes. */
    @FunctionalInterface
    interface DurationHistogram {
        void record(Duration d);
    }

    LongCounter counter(String name, String description, String... tags);

    LongGauge gauge(String name, String description, String... tags);

    DurationHistogram histogram(String name, String description, String... tags);

    /** A group whose instruments do nothing. */
    static MetricGroup noop() {
        return NoopGroup.INSTANCE;
    }

    /** Every instrument records into each group's in turn. */
    static MetricGroup composite(List<MetricGroup> groups) {
        List<MetricGroup> all = groups.stream().filter(g -> g != NoopGroup.INSTANCE).toList();
        if (all.isEmpty()) {
            return noop();
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return new MetricGroup() {
            @Override
            public LongCounter counter(String name, String description, String... tags) {
                List<LongCounter> each = all.stream().map(g -> g.counter(name, description, tags)).toList();
                return n -> each.forEach(c -> c.add(n));
            }

            @Override
            public LongGauge gauge(String name, String description, String... tags) {
                List<LongGauge> each = all.stream().map(g -> g.gauge(name, description, tags)).toList();
                return v -> each.forEach(g -> g.set(v));
            }

            @Override
            public DurationHistogram histogram(String name, String description, String... tags) {
                List<DurationHistogram> each = all.stream().map(g -> g.histogram(name, description, tags)).toList();
                return d -> each.forEach(h -> h.record(d));
            }
        };
    }

    /** See {@link #noop()}. */
    enum NoopGroup implements MetricGroup {
        INSTANCE;

        @Override
        public LongCounter counter(String name, String description, String... tags) {
            return n -> {};
        }

        @Override
        public LongGauge gauge(String name, String description, String... tags) {
            return v -> {};
        }

        @Override
        public DurationHistogram histogram(String name, String description, String... tags) {
            return d -> {};
        }
    }
}
