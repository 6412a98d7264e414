package dev.sluice.kafka;

import dev.sluice.api.metrics.MetricGroup;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A reader's lag as the gauge {@code sluice.consumer.lag} (tags {@code topic}, {@code partition}):
 * records behind the end of each assigned partition, from the consumer's last fetch (no request of
 * its own), at most once a second. Used by the reader's polling thread only.
 */
final class ConsumerLag {

    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MetricGroup group;
    private final Map<TopicPartition, MetricGroup.LongGauge> gauges = new HashMap<>();
    private long lastReport;

    ConsumerLag(MetricGroup group) {
        this.group = group;
    }

    void report(Consumer<?, ?> consumer) {
        long now = System.nanoTime();
        if (now - lastReport < REPORT_NANOS) {
            return;
        }
        lastReport = now;
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(lag -> gauges.computeIfAbsent(tp, p -> group.gauge("sluice.consumer.lag",
                    "Records behind the end of the partition", "topic", p.topic(), "partition", Integer.toString(p.partition()))).set(lag));
        }
    }
}
