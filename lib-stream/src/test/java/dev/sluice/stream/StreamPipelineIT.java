package dev.sluice.stream;

import dev.sluice.testkit.GroupProgress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.error.DeadLetterHeaders;
import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.stream.testing.Txn;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** 200,000 payments with 1% poison through the runtime, at-least-once and exactly-once. */
class StreamPipelineIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    static final int RECORDS = 200_000;

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void everyGoodRecordComesThroughAndEveryPoisonRecordIsDeadLettered(Delivery delivery) throws Exception {
        String id = delivery.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        String in = "payments-" + id;
        String out = "payments-clean-" + id;
        String dlqTopic = "payments-dlq-" + id;
        KAFKA.get().createTopic(in, 6);
        KAFKA.get().createTopic(out, 6);
        KAFKA.get().createTopic(dlqTopic, 1);
        Payments.Expected expected = Payments.produce(KAFKA.get(), in, RECORDS);
        String bootstrap = KAFKA.get().bootstrapServers();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        String group = "payments-" + id;
        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named(dlqTopic).withBootstrapServers(bootstrap).withPipeline("payments").open();
             StreamPipeline<Txn, Txn> pipeline = StreamPipeline.builder("payments", KafkaSource.of(Payments.CODEC).withBootstrapServers(bootstrap).withGroupId(group).withTopics(in))
                     .via(Payments.validateAndNormalize())
                     .deadLetters(dlq)
                     .listener(new MicrometerPipelineListener(meters, "payments"))
                     .config(StreamConfig.defaults().withWorkers(2).withDelivery(delivery).withInstanceId("it-" + id))
                     .to(KafkaSink.of(Payments.CODEC).withBootstrapServers(bootstrap).withTopic(out))) {
            pipeline.start();
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, in, Duration.ofSeconds(120))).as("all input committed").isTrue();
            assertThat(pipeline.isHealthy()).isTrue();
            assertThat(pipeline.lastError()).isEmpty();
        }

        List<Long> ids = Payments.outputIds(KAFKA.get(), out, expected.goodIds().size(), Duration.ofSeconds(60));
        assertThat(Payments.missing(expected, ids)).as("good inputs missing from the output").isEmpty();
        assertThat(new HashSet<>(ids)).isEqualTo(expected.goodIds());
        if (delivery == Delivery.EXACTLY_ONCE) {
            assertThat(ids).hasSize(expected.goodIds().size());
        }
        List<ConsumerRecord<byte[], byte[]>> dead = Topics.read(KAFKA.get(), dlqTopic, expected.poison(), Duration.ofSeconds(30));
        assertThat(dead).hasSize(expected.poison());
        assertThat(dead).filteredOn(r -> header(r, DeadLetterHeaders.STAGE).equals("deserialize")).hasSize(expected.undecodable())
                .allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).startsWith("not-avro-"));
        assertThat(dead).filteredOn(r -> header(r, DeadLetterHeaders.STAGE).equals("transform")).hasSize(expected.rejected())
                .allSatisfy(r -> {
                    assertThat(header(r, DeadLetterHeaders.EXCEPTION_MESSAGE)).startsWith("$.amount: must not be negative");
                    assertThat(Payments.rejected(Payments.CODEC.decode(r.value()).getId())).isTrue();
                    assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(in);
                });
        assertThat(meters.get("sluice.failures").tags("stage", "transform", "decision", "dead_letter").counter().count())
                .isEqualTo(expected.rejected());
        assertThat(meters.get("sluice.records.out").tag("component", "kafka-sink:" + out).counter().count())
                .isGreaterThanOrEqualTo(expected.goodIds().size());
    }

    @org.junit.jupiter.api.Test
    void aQuietInputIsCommittedAtOnceNotAtTheEndOfTheInterval() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 6);
        String in = "quiet-" + id;
        KAFKA.get().createTopic(in, 3);
        KAFKA.get().createTopic(in + "-out", 3);
        Payments.produce(KAFKA.get(), in, 1_000);
        String bootstrap = KAFKA.get().bootstrapServers();
        String group = "quiet-" + id;
        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named(in + "-dlq").withBootstrapServers(bootstrap).withPipeline("quiet").open();
             StreamPipeline<Txn, Txn> pipeline = StreamPipeline.builder("quiet", KafkaSource.of(Payments.CODEC).withBootstrapServers(bootstrap).withGroupId(group).withTopics(in))
                     .via(Payments.validateAndNormalize())
                     .deadLetters(dlq)
                     .config(StreamConfig.defaults().withCommitInterval(Duration.ofSeconds(60)))
                     .to(KafkaSink.of(Payments.CODEC).withBootstrapServers(bootstrap).withTopic(in + "-out"))) {
            pipeline.start();
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, in, Duration.ofSeconds(20)))
                    .as("committed long before the 60 s interval").isTrue();
        }
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
