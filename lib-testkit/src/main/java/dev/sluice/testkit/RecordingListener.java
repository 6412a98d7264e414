package dev.sluice.testkit;

import dev.sluice.api.error.Decision;
import dev.sluice.api.error.Failure;
import dev.sluice.api.metrics.PipelineListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link PipelineListener} that records what happened, for assertions. Thread-safe. */
public final class RecordingListener implements PipelineListener {

    /** One failed attempt and what the policy decided. */
    public record Decided(Failure failure, Decision decision) {}

    private final List<Decided> decisions = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> in = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> out = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deleted = new ConcurrentHashMap<>();
    private final RecordingMetricGroup metricGroup = new RecordingMetricGroup();

    /** The group components register their own metrics in; its values are there to assert on. */
    @Override
    public RecordingMetricGroup metricGroup() {
        return metricGroup;
    }

    @Override
    public void onRecordsIn(String component, int count) {
        in.computeIfAbsent(component, c -> new AtomicLong()).addAndGet(count);
    }

    @Override
    public void onRecordsOut(String component, int count) {
        out.computeIfAbsent(component, c -> new AtomicLong()).addAndGet(count);
    }

    @Override
    public void onFailure(Failure failure, Decision decision) {
        decisions.add(new Decided(failure, decision));
    }

    @Override
    public void onRecordsDeleted(String topic, int partition, long count) {
        deleted.computeIfAbsent(topic + "-" + partition, k -> new AtomicLong()).addAndGet(count);
    }

    /** Records reported deleted by the broker before they were read, for {@code topic-partition}. */
    public long recordsDeleted(String topicPartition) {
        AtomicLong v = deleted.get(topicPartition);
        return v == null ? 0 : v.get();
    }

    public List<Decided> decisions() {
        return List.copyOf(decisions);
    }

    /** How many failed attempts ended with {@code decision}. */
    public long count(Decision decision) {
        return decisions.stream().filter(d -> d.decision() == decision).count();
    }

    public long recordsIn(String component) {
        AtomicLong v = in.get(component);
        return v == null ? 0 : v.get();
    }

    public long recordsOut(String component) {
        AtomicLong v = out.get(component);
        return v == null ? 0 : v.get();
    }
}
