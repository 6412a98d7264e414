package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrdersPipelineIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();  // a KRaft broker in this JVM

    @Test
    void goodOrdersReachOrdersValidOnceAndABadOneTheDeadLetters() throws Exception {
        KafkaService kafka = KAFKA.get();
        for (String topic : List.of("orders", "orders-valid", "orders-dlq")) {
            kafka.createTopic(topic, 3);
        }
        Topics.produceValues(kafka, "orders", List.of(
                OrdersPipeline.CODEC.encode(new Order("o-1", "de", 1250, false)),
                OrdersPipeline.CODEC.encode(new Order("o-2", "fr", 990, true)),
                OrdersPipeline.CODEC.encode(new Order("o-3", "fr", -5, false)),
                OrdersPipeline.CODEC.encode(new Order("o-4", "it", 300, false))));

        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named("orders-dlq")
                     .withBootstrapServers(kafka.bootstrapServers()).withPipeline("orders").open();
             StreamPipeline<Order, Order> pipeline = OrdersPipeline.start(kafka.bootstrapServers(), dlq)) {
            assertThat(GroupProgress.awaitCaughtUp(kafka, "orders-validator", "orders", Duration.ofSeconds(60))).isTrue();
            assertThat(pipeline.lastError()).isEmpty();
        }

        List<Order> valid = Topics.read(kafka, "orders-valid", 2, Duration.ofSeconds(30)).stream()
                .map(r -> OrdersPipeline.CODEC.decode(r.value())).toList();
        assertThat(valid).containsExactlyInAnyOrder(new Order("o-1", "DE", 1250, false), new Order("o-4", "IT", 300, false));
        List<ConsumerRecord<byte[], byte[]>> dead = Topics.read(kafka, "orders-dlq", 1, Duration.ofSeconds(30));
        assertThat(dead).singleElement().satisfies(r -> assertThat(OrdersPipeline.CODEC.decode(r.value()).id()).isEqualTo("o-3"));
    }
}
