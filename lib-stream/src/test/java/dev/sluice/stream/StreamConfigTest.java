package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.codec.Codec;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.testing.Txn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamConfigTest {

    private final Codec<Txn> codec = Payments.CODEC;
    private final KafkaSource<Txn> source = KafkaSource.of(codec).withBootstrapServers("localhost:9092").withGroupId("g").withTopics("in");

    @Test
    void badValuesNameTheSetting() {
        StreamConfig c = StreamConfig.defaults();
        assertThatThrownBy(() -> c.withWorkers(0)).hasMessage("workers must be >= 1, got 0");
        assertThatThrownBy(() -> c.withMaxPendingRecords(0)).hasMessage("maxPendingRecords must be >= 1, got 0");
        assertThatThrownBy(() -> c.withCommitInterval(Duration.ZERO)).hasMessage("commitInterval must be positive, got PT0S");
        assertThatThrownBy(() -> c.withInstanceId(" ")).hasMessageContaining("instanceId must not be blank");
        assertThatThrownBy(() -> c.withDelivery(null)).hasMessage("delivery must not be null");
    }

    @Test
    void exactlyOnceNeedsOneTransactionalSinkAndAReadCommittedSource() {
        StreamConfig eos = StreamConfig.defaults().withDelivery(Delivery.EXACTLY_ONCE);
        KafkaSink<Txn> sink = KafkaSink.of(codec).withBootstrapServers("localhost:9092").withTopic("out");
        assertThatThrownBy(() -> StreamPipeline.builder("p", source).config(eos).to(sink, sink))
                .hasMessageContaining("exactly-once needs exactly one sink and it must be transactional, such as a KafkaSink");
        assertThatThrownBy(() -> StreamPipeline.builder("p", source).config(eos).to(new TestSinks.NotKafka()))
                .hasMessageContaining("must be transactional");
        assertThatThrownBy(() -> StreamPipeline.builder("p", source.withReadCommitted(false)).config(eos).to(sink))
                .hasMessageContaining("a KafkaSource with readCommitted=true");
    }

    @Test
    void theBuilderRefusesMissingParts() {
        assertThatThrownBy(() -> StreamPipeline.builder("", source)).hasMessageContaining("name must not be blank");
        assertThatThrownBy(() -> StreamPipeline.builder("p", null)).hasMessage("source must not be null");
        assertThatThrownBy(() -> StreamPipeline.builder("p", source).to()).hasMessage("to(...) needs at least one sink");
        assertThatThrownBy(() -> StreamPipeline.builder("p", source).via(null)).hasMessage("transform must not be null");
    }

    @Test
    void theGraphNamesInputAndOutputForLineage() {
        StreamPipeline<Txn, Txn> p = StreamPipeline.builder("payments", source.withSchema(Txn.getClassSchema()))
                .to(KafkaSink.of(codec).withBootstrapServers("localhost:9092").withTopic("out"));
        assertThat(p.graph().edges()).singleElement().satisfies(e -> {
            assertThat(e.input().name()).isEqualTo("in");
            assertThat(e.output().name()).isEqualTo("out");
        });
    }

    @Test
    void deadLettersAreAnOutputOfTheGraphToo() {
        try (var dlq = DeadLetterTopic.named("payments-dlq").withBootstrapServers("localhost:9092").withPipeline("payments").open()) {
            StreamPipeline<Txn, Txn> p = StreamPipeline.builder("payments", source.withSchema(Txn.getClassSchema()))
                    .deadLetters(dlq)
                    .to(KafkaSink.of(codec).withBootstrapServers("localhost:9092").withTopic("out"));
            assertThat(p.graph().edges()).extracting(e -> e.input().name() + " -> " + e.output().name())
                    .containsExactly("in -> out", "in -> payments-dlq");
        }
    }
}
