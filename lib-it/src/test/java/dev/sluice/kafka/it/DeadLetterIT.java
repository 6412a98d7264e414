package dev.sluice.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Transform;
import dev.sluice.api.error.DataException;
import dev.sluice.api.error.DeadLetterHeaders;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Poison records land in a real dead-letter topic with their raw bytes and reasons, while good records go through. */
class DeadLetterIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    @Test
    void recordsThatFailToDecodeOrTransformAreDeadLetteredAndTheRestFlows() {
        String in = Fixtures.topic("clicks-in");
        String out = Fixtures.topic("clicks-out");
        String dlqTopic = Fixtures.topic("clicks-dlq");
        KAFKA.get().createTopic(in, 2);
        KAFKA.get().createTopic(out, 2);
        KAFKA.get().createTopic(dlqTopic, 1);
        SchemaRegistryClient registry = REGISTRY.get().client();
        ConfluentAvroCodec<PageView> codec = ConfluentAvroCodec.specific(registry, SchemaRegistryClient.valueSubject(in), PageView.class);

        // 300 good records, 3 that are not Avro at all, 2 the transform rejects (negative duration).
        List<byte[]> values = new ArrayList<>();
        List<byte[]> garbage = List.of("{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0}, new byte[] {0, 0, 0, 0, 1, 9, 9});
        for (int i = 0; i < 300; i++) {
            values.add(codec.encode(Fixtures.pageView(i)));
            if (i % 100 == 50) {
                values.add(garbage.get(i / 100));
            }
        }
        PageView negative = Fixtures.pageView(1000);
        negative.setDurationMs(-5L);
        values.add(codec.encode(negative));
        values.add(codec.encode(negative));
        Topics.produceValues(KAFKA.get(), in, values);

        Transform<PageView, PageView> validate = Transform.map(v -> {
            if (v.getDurationMs() < 0) {
                throw new DataException("$.durationMs: must not be negative, got " + v.getDurationMs());
            }
            return v;
        });
        String bootstrap = KAFKA.get().bootstrapServers();
        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named(dlqTopic).withBootstrapServers(bootstrap).withPipeline("clicks").open();
             StreamPipeline<PageView, PageView> p = StreamPipeline.builder("clicks",
                     KafkaSource.of(codec).withBootstrapServers(bootstrap).withGroupId("clicks-" + in).withTopics(in))
                     .via(validate).deadLetters(dlq).errorPolicies(Fixtures.fastPolicies())
                     .to(KafkaSink.of(codec).withBootstrapServers(bootstrap).withTopic(out))) {
            p.start();
            Topics.read(KAFKA.get(), dlqTopic, 5, Duration.ofSeconds(60)); // the last of the inputs are dead letters: all processed
        }

        List<ConsumerRecord<byte[], byte[]>> good = Topics.read(KAFKA.get(), out, 300, Duration.ofSeconds(30));
        assertThat(good).hasSize(300);
        assertThat(good.stream().map(r -> codec.decode(r.value()).getEventId()).collect(Collectors.toSet())).hasSize(300);

        List<ConsumerRecord<byte[], byte[]>> dead = Topics.read(KAFKA.get(), dlqTopic, 5, Duration.ofSeconds(30));
        assertThat(dead).hasSize(5);
        List<ConsumerRecord<byte[], byte[]>> decodeFailures = dead.stream().filter(r -> "deserialize".equals(header(r, DeadLetterHeaders.STAGE))).toList();
        assertThat(decodeFailures).hasSize(3);
        assertThat(decodeFailures).extracting(ConsumerRecord::value).anySatisfy(v -> assertThat(v).isEqualTo(garbage.get(0)))
                .anySatisfy(v -> assertThat(v).isEqualTo(garbage.get(1))).anySatisfy(v -> assertThat(v).isEqualTo(garbage.get(2)));
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(in);
            assertThat(header(r, DeadLetterHeaders.SOURCE_PARTITION)).matches("[01]");
            long offset = Long.parseLong(header(r, DeadLetterHeaders.SOURCE_OFFSET));
            assertThat(offset).isNotNegative();
            assertThat(header(r, DeadLetterHeaders.EXCEPTION_CLASS)).isNotBlank();
            assertThat(header(r, DeadLetterHeaders.EXCEPTION_MESSAGE)).isNotBlank();
        }
        Map<String, String> json = headers(decodeFailures.stream().filter(r -> Arrays.equals(r.value(), garbage.get(0))).findFirst().orElseThrow());
        assertThat(json.get(DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo(DataException.class.getName());
        assertThat(json.get(DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("byte 0 is 0x7b").contains("looks like JSON");
        List<ConsumerRecord<byte[], byte[]>> rejected = dead.stream().filter(r -> "transform".equals(header(r, DeadLetterHeaders.STAGE))).toList();
        assertThat(rejected).hasSize(2).allSatisfy(r -> {
            assertThat(r.value()).isEqualTo(codec.encode(negative)); // the original bytes, not a re-encoding of a changed value
            assertThat(header(r, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("$.durationMs: must not be negative, got -5");
        });
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static Map<String, String> headers(ConsumerRecord<?, ?> r) {
        return Arrays.stream(r.headers().toArray()).collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
    }
}
