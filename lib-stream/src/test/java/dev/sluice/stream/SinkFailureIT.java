package dev.sluice.stream;

import dev.sluice.testkit.GroupProgress;
import java.util.concurrent.atomic.AtomicInteger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Transform;
import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.stream.testing.Txn;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A sink that keeps failing opens the breaker and pauses; a slow sink pauses the partitions. Nothing good is dead-lettered or lost. */
class SinkFailureIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    private static String topic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aFailingSinkOpensTheBreakerThenRecovers() throws Exception {
        String in = topic("breaker-in");
        String dlqTopic = topic("breaker-dlq");
        KAFKA.get().createTopic(in, 3);
        KAFKA.get().createTopic(dlqTopic, 1);
        Payments.Expected expected = Payments.produce(KAFKA.get(), in, 20_000);
        String bootstrap = KAFKA.get().bootstrapServers();
        String group = "group-" + in;
        String sinkName = "flaky-" + in;
        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named(dlqTopic).withBootstrapServers(bootstrap).withPipeline("breaker").open();
             StreamPipeline<Txn, Long> p = StreamPipeline.builder("breaker", KafkaSource.of(Payments.CODEC).withBootstrapServers(bootstrap).withGroupId(group).withTopics(in))
                     .via(Payments.validateAndNormalize())
                     .via(Transform.map(Txn::getId))
                     .deadLetters(dlq)
                     .config(StreamConfig.defaults().withBreakerOpenFor(Duration.ofMillis(500)).withCommitInterval(Duration.ofMillis(100)))
                     .to(new TestSinks.Flaky(sinkName, 3))) {
            p.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean sawUnhealthy = false;
            while (TestSinks.FLUSH_FAILURES.getOrDefault(sinkName, new AtomicInteger()).get() < 3
                    && System.nanoTime() < deadline) {
                sawUnhealthy |= !p.isHealthy();
                Thread.sleep(5);
            }
            sawUnhealthy |= !p.isHealthy();
            assertThat(sawUnhealthy).as("unhealthy while the breaker is open").isTrue();
            assertThat(p.lastError()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("simulated outage"));
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, in, Duration.ofSeconds(60))).isTrue();
            assertThat(p.isHealthy()).as("healthy again after the sink recovered").isTrue();
        }
        assertThat(TestSinks.delivered(sinkName)).containsExactlyInAnyOrderElementsOf(expected.goodIds());
        assertThat(Topics.read(KAFKA.get(), dlqTopic, expected.poison(), Duration.ofSeconds(20)))
                .as("only poison records were dead-lettered, never good ones the failing sink could not take")
                .hasSizeBetween(expected.poison(), expected.poison() * 4);
    }

    @Test
    void aSlowSinkPausesThePartitionsInsteadOfBuffering() throws Exception {
        String in = topic("slow-in");
        KAFKA.get().createTopic(in, 3);
        Payments.Expected expected = Payments.produce(KAFKA.get(), in, 30_000);
        String bootstrap = KAFKA.get().bootstrapServers();
        String group = "group-" + in;
        String sinkName = "slow-" + in;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        long maxPending = 2_000;
        double maxPaused = 0;
        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named(topic("slow-dlq")).withBootstrapServers(bootstrap).withPipeline("slow").open();
             StreamPipeline<Txn, Long> p = StreamPipeline.builder("slow", KafkaSource.of(Payments.CODEC).withBootstrapServers(bootstrap).withGroupId(group).withTopics(in)
                             .withProperty("max.poll.records", "500"))
                     .via(Payments.validateAndNormalize())
                     .via(Transform.map(Txn::getId))
                     .deadLetters(dlq)
                     .listener(new MicrometerPipelineListener(meters, "slow"))
                     .config(StreamConfig.defaults().withMaxPendingRecords(maxPending))
                     .to(new TestSinks.Slow(sinkName, 20_000))) {
            p.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (GroupProgress.lag(KAFKA.get(), group, in) > 0 && System.nanoTime() < deadline) {
                maxPaused = Math.max(maxPaused, meters.get("sluice.partitions.paused").gauge().value());
                Thread.sleep(20);
            }
        }
        assertThat(maxPaused).as("partitions were paused for backpressure").isPositive();
        // The bound: maxPendingRecords plus one poll's worth that was already in hand.
        assertThat(TestSinks.MAX_PENDING.get(sinkName).get()).isLessThanOrEqualTo(maxPending + 500);
        assertThat(TestSinks.delivered(sinkName)).containsExactlyInAnyOrderElementsOf(expected.goodIds());
    }
}
