package dev.sluice.testkit;

import dev.sluice.api.metrics.MetricGroup;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MetricGroup} that keeps every instrument's value in memory, for assertions on the
 * metrics a transform or connector registers itself. A metric is its name and its tags, as the
 * contract says: ask with the same pair that the component registered. Thread-safe.
 */
public final class RecordingMetricGroup implements MetricGroup {

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> histograms = new ConcurrentHashMap<>();

    private static String key(String name, String... tags) {
        return name + Arrays.toString(tags);
    }

    private static AtomicLong slot(Map<String, AtomicLong> all, String name, String... tags) {
        return all.computeIfAbsent(key(name, tags), k -> new AtomicLong());
    }

    @Override
    public LongCounter counter(String name, String description, String... tags) {
        AtomicLong v = slot(counters, name, tags);
        return v::addAndGet;
    }

    @Override
    public LongGauge gauge(String name, String description, String... tags) {
        AtomicLong v = slot(gauges, name, tags);
        return v::set;
    }

    @Override
    public DurationHistogram histogram(String name, String description, String... tags) {
        AtomicLong v = slot(histograms, name, tags);
        return d -> v.incrementAndGet();
    }

    /** The counter's total; 0 when nothing registered it. */
    public long counted(String name, String... tags) {
        AtomicLong v = counters.get(key(name, tags));
        return v == null ? 0 : v.get();
    }

    /** The gauge's last value; 0 when nothing registered it. */
    public long gaugeValue(String name, String... tags) {
        AtomicLong v = gauges.get(key(name, tags));
        return v == null ? 0 : v.get();
    }

    /** How many durations the histogram recorded. */
    public long recorded(String name, String... tags) {
        AtomicLong v = histograms.get(key(name, tags));
        return v == null ? 0 : v.get();
    }
}
