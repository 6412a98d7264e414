package dev.sluice.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineListenerTest {

    /** Records what reaches it, and makes instruments that record into the same list. */
    private static final class Recording implements PipelineListener, MetricGroup {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onLateRecords(String component, long count) {
            seen.add("late " + component + " " + count);
        }

        @Override
        public MetricGroup metricGroup() {
            return this;
        }

        @Override
        public LongCounter counter(String name, String description, String... tags) {
            return n -> seen.add(name + " " + String.join(",", tags) + " +" + n);
        }

        @Override
        public LongGauge gauge(String name, String description, String... tags) {
            return v -> seen.add(name + " " + String.join(",", tags) + " =" + v);
        }

        @Override
        public DurationHistogram histogram(String name, String description, String... tags) {
            return d -> seen.add(name + " " + String.join(",", tags) + " " + d);
        }
    }

    @Test
    void aCompositeForwardsLateRowsAndEveryInstrumentOfItsMetricGroupToEachListener() {
        Recording a = new Recording();
        Recording b = new Recording();
        PipelineListener both = PipelineListener.composite(a, PipelineListener.noop(), b);

        both.onLateRecords("sql:clicks_per_minute", 3);
        both.metricGroup().counter("sluice.sink.files", "files", "reason", "idle").add(1);
        both.metricGroup().gauge("sluice.consumer.lag", "lag", "topic", "t", "partition", "0").set(7);
        both.metricGroup().histogram("sluice.sink.upload.time", "upload", "component", "s3").record(Duration.ofMillis(5));

        List<String> expected = List.of("late sql:clicks_per_minute 3", "sluice.sink.files reason,idle +1",
                "sluice.consumer.lag topic,t,partition,0 =7", "sluice.sink.upload.time component,s3 PT0.005S");
        assertThat(a.seen).containsExactlyElementsOf(expected);
        assertThat(b.seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aListenerWithoutAGroupAndACompositeOfNoneHaveTheNoopGroup() {
        assertThat(PipelineListener.noop().metricGroup()).isSameAs(MetricGroup.noop());
        assertThat(PipelineListener.composite(PipelineListener.noop()).metricGroup()).isSameAs(MetricGroup.noop());
    }
}
