package dev.sluice.catalog.datahub;

import dev.sluice.api.Require;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.kafka.KafkaClientDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes proposals to DataHub's MCP topic ({@code MetadataChangeProposal_v1} by default) in the
 * Confluent Avro wire format DataHub's consumers read, keyed by entity URN so one entity's proposals
 * stay in order. Idempotent producer, {@code acks=all}; {@link #emit} waits for every ack.
 */
public final class KafkaEmitter implements ProposalEmitter {

    public static final String DEFAULT_TOPIC = "MetadataChangeProposal_v1";
    static final Schema SCHEMA = load();

    private final String topic;
    private final ConfluentAvroCodec<GenericRecord> codec;
    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * @param bootstrapServers DataHub's Kafka
     * @param registry         the schema registry DataHub's consumers use
     * @param topic            the MCP topic
     * @param producerProps    extra producer settings (security and the like)
     */
    public KafkaEmitter(String bootstrapServers, SchemaRegistryClient registry, String topic, Map<String, Object> producerProps) {
        this.topic = Require.nonBlank(topic, "topic");
        this.codec = ConfluentAvroCodec.generic(registry, topic + "-value", SCHEMA);
        Map<String, Object> p = new HashMap<>(producerProps);
        p.putAll(KafkaClientDefaults.durableProducer(bootstrapServers));
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void emit(List<Proposal> proposals) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Proposal pr : proposals) {
            acks.add(producer.send(new ProducerRecord<>(topic, pr.entityUrn().getBytes(StandardCharsets.UTF_8), codec.encode(record(pr)))));
        }
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmitException("interrupted waiting for Kafka to take proposals", e);
            } catch (ExecutionException e) {
                Proposal pr = proposals.get(i);
                throw new EmitException("Kafka did not take " + pr.aspectName() + " of " + pr.entityUrn() + " on " + topic, e.getCause());
            }
        }
    }

    static GenericRecord record(Proposal p) {
        GenericRecord aspect = new GenericData.Record(SCHEMA.getField("aspect").schema().getTypes().get(1));
        aspect.put("value", ByteBuffer.wrap(p.aspectJson().getBytes(StandardCharsets.UTF_8)));
        aspect.put("contentType", p.contentType());
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("entityType", p.entityType());
        r.put("entityUrn", p.entityUrn());
        r.put("changeType", new GenericData.EnumSymbol(SCHEMA.getField("changeType").schema(), p.changeType().name()));
        r.put("aspectName", p.aspectName());
        r.put("aspect", aspect);
        return r;
    }

    private static Schema load() {
        try (InputStream in = KafkaEmitter.class.getResourceAsStream("MetadataChangeProposal.avsc")) {
            return new Schema.Parser().parse(Require.nonNull(in, "MetadataChangeProposal.avsc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
