package dev.sluice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.DataException;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.Stage;
import dev.sluice.api.metrics.MetricGroup;
import dev.sluice.api.metrics.PipelineListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicrometerPipelineListenerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerPipelineListener listener = new MicrometerPipelineListener(registry, "orders");

    @Test
    void countsRecordsFailuresCommitsLagAndRecordsDeletedUnread() {
        listener.onRecordsIn("enrich", 3);
        listener.onRecordsIn("enrich", 2);
        listener.onRecordsOut("enrich", 4);
        listener.onFailure(Failure.of(Envelope.of("x"), Stage.TRANSFORM, "enrich", new DataException("bad"), 1), Decision.DEAD_LETTER);
        listener.onFailure(Failure.of(Envelope.of("x"), Stage.SINK, "elastic-sink:clicks-*",
                new DataException("refused", "mapper_parsing_exception", null), 1), Decision.DEAD_LETTER);
        listener.onLatency("enrich", 1_000_000);
        listener.onCommit(3, Duration.ofMillis(4));
        MetricGroup.LongGauge lag = listener.metricGroup().gauge("sluice.consumer.lag", "lag", "topic", "orders", "partition", "1");
        lag.set(42);
        listener.metricGroup().gauge("sluice.consumer.lag", "lag", "topic", "orders", "partition", "1").set(40);
        listener.onRecordsDeleted("orders", 1, 30);
        listener.onRecordsDeleted("orders", 1, 10);

        assertThat(registry.get("sluice.records.in").tags("pipeline", "orders", "component", "enrich").counter().count()).isEqualTo(5);
        assertThat(registry.get("sluice.records.out").tag("component", "enrich").counter().count()).isEqualTo(4);
        assertThat(registry.get("sluice.failures").tags("stage", "transform", "decision", "dead_letter", "exception", "DataException",
                "reason", "none").counter().count()).isEqualTo(1);
        assertThat(registry.get("sluice.failures").tags("stage", "sink", "reason", "mapper_parsing_exception").counter().count())
                .as("failures by the server's reason").isEqualTo(1);
        assertThat(registry.get("sluice.latency").tag("component", "enrich").timer().count()).isEqualTo(1);
        assertThat(registry.get("sluice.commit.time").timer().count()).isEqualTo(1);
        assertThat(registry.get("sluice.commit.positions").counter().count()).isEqualTo(3);
        assertThat(registry.get("sluice.consumer.lag").tags("pipeline", "orders", "topic", "orders", "partition", "1").gauge().value()).isEqualTo(40);
        assertThat(registry.get("sluice.source.records.deleted").tags("pipeline", "orders", "topic", "orders").counter().count()).isEqualTo(40);
    }

    @Test
    void compositeForwardsToEveryListener() {
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        PipelineListener both = PipelineListener.composite(listener, new MicrometerPipelineListener(other, "orders"));
        both.onRecordsIn("s", 1);
        assertThat(registry.get("sluice.records.in").counter().count()).isEqualTo(1);
        assertThat(other.get("sluice.records.in").counter().count()).isEqualTo(1);
    }

    @Test
    void commitAndUploadTimesPublishHistogramBucketsForQuantilesAcrossProcesses() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerPipelineListener l = new MicrometerPipelineListener(prometheus, "clicks");
        l.onCommit(3, Duration.ofMillis(40));
        l.metricGroup().histogram("sluice.sink.upload.time", "Time to upload one file", "component", "s3-sink:raw").record(Duration.ofSeconds(2));
        // What the dashboards' and alerts' histogram_quantile(..., rate(..._bucket[5m])) read.
        assertThat(prometheus.scrape()).contains("sluice_commit_time_seconds_bucket{").contains("sluice_sink_upload_time_seconds_bucket{");
    }
}
