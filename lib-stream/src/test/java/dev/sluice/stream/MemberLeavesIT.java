package dev.sluice.stream;

import dev.sluice.api.Transform;
import dev.sluice.testkit.GroupProgress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.testing.Txn;
import dev.sluice.testkit.ServiceExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two pipeline instances in one group; one leaves mid-run (graceful close); nothing is lost or processed twice. */
class MemberLeavesIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void aMemberLeavingMidRunLosesNothing(Delivery delivery) throws Exception {
        String id = "leave-" + delivery.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        String in = id + "-in";
        String out = id + "-out";
        KAFKA.get().createTopic(in, 6);
        KAFKA.get().createTopic(out, 6);
        Payments.Expected expected = Payments.produce(KAFKA.get(), in, 200_000);
        String bootstrap = KAFKA.get().bootstrapServers();
        String group = id + "-group";

        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named(id + "-dlq").withBootstrapServers(bootstrap).withPipeline("leave").open();
             StreamPipeline<Txn, Txn> a = pipeline(bootstrap, group, in, out, dlq, delivery, "a");
             StreamPipeline<Txn, Txn> b = pipeline(bootstrap, group, in, out, dlq, delivery, "b")) {
            a.start();
            b.start();
            long total = GroupProgress.lag(KAFKA.get(), group, in);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (GroupProgress.lag(KAFKA.get(), group, in) > total * 4 / 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(GroupProgress.lag(KAFKA.get(), group, in)).as("a leaves with input still to do").isPositive();
            a.close();                                   // leaves mid-run: its partitions move to b
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, in, Duration.ofSeconds(120))).isTrue();
            assertThat(b.isHealthy()).isTrue();
        }
        List<Long> ids = Payments.outputIds(KAFKA.get(), out, expected.goodIds().size(), Duration.ofSeconds(60));
        assertThat(Payments.missing(expected, ids)).as("good inputs missing from the output").isEmpty();
        assertThat(new HashSet<>(ids)).isEqualTo(expected.goodIds());
        // A graceful leave is a clean rebalance: the leaver commits what it processed before it
        // hands its partitions over, so even at-least-once processes nothing twice.
        assertThat(ids).as("no record processed twice across the clean rebalances").hasSize(expected.goodIds().size());
    }

    /** About 1 ms per 40 records, so a run lasts several seconds and "mid-run" is a wide window. */
    private static Transform<Txn, Txn> throttle() {
        return Transform.map(t -> {
            if (t.getId() % 40 == 0) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return t;
        });
    }

    private static StreamPipeline<Txn, Txn> pipeline(String bootstrap, String group, String in, String out, KafkaDeadLetterSink dlq,
                                                     Delivery delivery, String instance) {
        return StreamPipeline.builder("leave", KafkaSource.of(Payments.CODEC).withBootstrapServers(bootstrap).withGroupId(group).withTopics(in).withProperty("max.poll.records", "1000"))
                .via(Payments.validateAndNormalize())
                .via(throttle())
                .deadLetters(dlq)
                .config(StreamConfig.defaults().withDelivery(delivery).withInstanceId(instance + "-" + group))
                .to(KafkaSink.of(Payments.CODEC).withBootstrapServers(bootstrap).withTopic(out));
    }
}
