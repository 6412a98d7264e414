package dev.sluice.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.error.DeadLetterHeaders;
import dev.sluice.embedded.KafkaService;
import dev.sluice.formats.JsonAvroCodec;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JSON documents from a real topic: a wrong type yields an error naming the field path, in the dead letter. */
class JsonFieldPathIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    static final Schema ORDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "dev.sluice.it", "fields": [
              {"name": "id", "type": "string"},
              {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item", "fields": [
                {"name": "sku", "type": "string"}, {"name": "price", "type": "double"}]}}}]}
            """);

    @Test
    void aWrongTypeIsDeadLetteredWithItsFieldPath() {
        String in = Fixtures.topic("orders-json");
        String out = Fixtures.topic("orders-avro");
        String dlqTopic = Fixtures.topic("orders-dlq");
        List.of(in, out, dlqTopic).forEach(t -> KAFKA.get().createTopic(t, 1));
        String good = "{\"id\": \"o-1\", \"items\": [{\"sku\": \"a\", \"price\": 1.5}]}";
        String bad = "{\"id\": \"o-2\", \"items\": [{\"sku\": \"a\", \"price\": 1}, {\"sku\": \"b\", \"price\": 2}, {\"sku\": \"c\", \"price\": \"abc\"}]}";
        Topics.produceValues(KAFKA.get(), in, List.of(good.getBytes(StandardCharsets.UTF_8), bad.getBytes(StandardCharsets.UTF_8)));

        String bootstrap = KAFKA.get().bootstrapServers();
        JsonAvroCodec json = new JsonAvroCodec(ORDER);
        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named(dlqTopic).withBootstrapServers(bootstrap).withPipeline("orders").open();
             StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder("orders",
                     KafkaSource.of(json).withBootstrapServers(bootstrap).withGroupId("orders-" + in).withTopics(in))
                     .deadLetters(dlq).errorPolicies(Fixtures.fastPolicies()).to(KafkaSink.of(json).withBootstrapServers(bootstrap).withTopic(out))) {
            p.start();
            assertThat(Topics.read(KAFKA.get(), out, 1, Duration.ofSeconds(30))).singleElement()
                    .satisfies(r -> assertThat(json.decode(r.value()).get("id").toString()).isEqualTo("o-1"));
        }
        ConsumerRecord<byte[], byte[]> dead = Topics.read(KAFKA.get(), dlqTopic, 1, Duration.ofSeconds(20)).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(bad);
        assertThat(DeadLetterIT.header(dead, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("$.items[2].price: expected double, got \"abc\"");
        assertThat(DeadLetterIT.header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
    }
}
