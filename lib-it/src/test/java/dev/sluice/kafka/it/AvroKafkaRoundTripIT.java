package dev.sluice.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.ConfluentRegistryClient;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A generated specific record through a real broker in the Confluent wire format, its schema in a real registry. */
class AvroKafkaRoundTripIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    @Test
    void specificRecordsRoundTripInTheConfluentWireFormat() throws Exception {
        String topic = Fixtures.topic("pageviews");
        KAFKA.get().createTopic(topic, 3);
        SchemaRegistryClient registry = REGISTRY.get().client();
        String subject = SchemaRegistryClient.valueSubject(topic);
        ConfluentAvroCodec<PageView> codec = ConfluentAvroCodec.specific(registry, subject, PageView.class);
        List<PageView> sent = IntStream.range(0, 500).mapToObj(Fixtures::pageView).toList();

        CollectingDeadLetterSink dlq = new CollectingDeadLetterSink();
        FailureHandler failures = new FailureHandler("roundtrip", Fixtures.fastPolicies(), dlq, PipelineListener.noop());
        try (SinkWriter<PageView> w = KafkaSink.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withTopic(topic).createWriter(new SinkContext(failures, PipelineListener.noop(), 0))) {
            sent.forEach(v -> w.write(Envelope.of(v)));
            w.flush();
        }

        // On the broker: magic byte 0, then the id the registry gave the subject, then Avro binary.
        int registeredId = registry.latest(subject).orElseThrow().id();
        List<ConsumerRecord<byte[], byte[]>> raw = Topics.read(KAFKA.get(), topic, sent.size(), Duration.ofSeconds(30));
        assertThat(raw).hasSize(sent.size()).allSatisfy(r -> {
            assertThat(r.value()[0]).isZero();
            assertThat(ByteBuffer.wrap(r.value(), 1, 4).getInt()).isEqualTo(registeredId);
        });
        // An independent reader (plain Avro, writer schema fetched fresh from the registry) reads it back.
        ConfluentRegistryClient fresh = REGISTRY.get().client();
        byte[] first = raw.get(0).value();
        PageView decodedIndependently = new SpecificDatumReader<PageView>(fresh.getById(registeredId), PageView.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(first, 5, first.length - 5, null));
        assertThat(sent).contains(decodedIndependently);

        // And Sluice's source reads every record back, equal to what was sent.
        List<PageView> received = new ArrayList<>();
        KafkaSource<PageView> source = KafkaSource.of(ConfluentAvroCodec.specific(REGISTRY.get().client(), subject, PageView.class)).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId("roundtrip-" + topic).withTopics(topic);
        try (SourceReader<PageView> r = source.createReader(SourceContext.of(failures, PipelineListener.noop()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                r.poll(Duration.ofMillis(200)).forEach(e -> received.add(e.value()));
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(dlq.failures()).isEmpty();
    }
}
