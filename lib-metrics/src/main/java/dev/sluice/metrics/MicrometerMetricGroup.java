package dev.sluice.metrics;

import dev.sluice.api.Require;
import dev.sluice.api.metrics.MetricGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MetricGroup} on a Micrometer registry, every meter tagged {@code pipeline}: counters,
 * gauges holding the last value set, and timers with a percentile histogram (buckets, so that
 * {@code histogram_quantile} can be computed over many processes).
 */
final class MicrometerMetricGroup implements MetricGroup {

    private final MeterRegistry registry;
    private final String pipeline;
    /** A gauge's value must outlive the call that made it, and two calls for one gauge must share it. */
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    MicrometerMetricGroup(MeterRegistry registry, String pipeline) {
        this.registry = Require.nonNull(registry, "registry");
        this.pipeline = Require.nonBlank(pipeline, "pipeline");
    }

    @Override
    public LongCounter counter(String name, String description, String... tags) {
        Counter c = Counter.builder(name).description(description).tags(tags(tags)).register(registry);
        return c::increment;
    }

    @Override
    public LongGauge gauge(String name, String description, String... tags) {
        Tags all = tags(tags);
        AtomicLong value = gauges.computeIfAbsent(name + all, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).description(description).tags(all).register(registry);
            return holder;
        });
        return value::set;
    }

    @Override
    public DurationHistogram histogram(String name, String description, String... tags) {
        Timer t = Timer.builder(name).description(description).tags(tags(tags)).publishPercentileHistogram().register(registry);
        return t::record;
    }

    private Tags tags(String... tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags must be key, value pairs, got " + tags.length + " strings");
        }
        return Tags.of(tags).and("pipeline", pipeline);
    }
}
