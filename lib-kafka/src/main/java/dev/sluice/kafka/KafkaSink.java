package dev.sluice.kafka;

import dev.sluice.api.Require;
import dev.sluice.api.codec.Codec;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.TransactionalSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Writes to one Kafka topic with an idempotent producer (acks=all by default), encoding values with
 * a {@link Codec}. With a transactional id prefix each writer is transactional (id
 * {@code <prefix>-<subtask>}), for exactly-once pipelines; see {@link KafkaSinkWriter}.
 *
 * @param bootstrapServers      broker list
 * @param topic                 destination topic
 * @param codec                 encodes values
 * @param properties            any producer property, overriding Sluice's defaults
 * @param transactionalIdPrefix null for a non-transactional sink
 * @param schema                the value schema, for lineage; may be null
 */
public record KafkaSink<T>(String bootstrapServers, String topic, Codec<T> codec, Map<String, String> properties,
                           String transactionalIdPrefix, Schema schema) implements TransactionalSink<T> {

    private static final long serialVersionUID = 1L;

    public KafkaSink {
        Require.nonBlank(bootstrapServers, "bootstrapServers");
        Require.nonBlank(topic, "topic");
        Require.nonNull(codec, "codec");
        properties = Map.copyOf(Require.nonNull(properties, "properties"));
        if (transactionalIdPrefix != null) {
            Require.nonBlank(transactionalIdPrefix, "transactionalIdPrefix");
        }
        if ("0".equals(properties.get("acks")) || "1".equals(properties.get("acks"))) {
            if (transactionalIdPrefix != null) {
                throw new IllegalArgumentException("acks=" + properties.get("acks") + " cannot be used with transactions: they need acks=all");
            }
        }
    }

    public static <T> KafkaSink<T> of(String bootstrapServers, String topic, Codec<T> codec) {
        return new KafkaSink<>(bootstrapServers, topic, codec, Map.of(), null, null);
    }

    public KafkaSink<T> withProperty(String key, String value) {
        Map<String, String> p = new HashMap<>(properties);
        p.put(Require.nonBlank(key, "property key"), Require.nonNull(value, "property " + key));
        return new KafkaSink<>(bootstrapServers, topic, codec, p, transactionalIdPrefix, schema);
    }

    public KafkaSink<T> withTransactionalIdPrefix(String prefix) {
        return new KafkaSink<>(bootstrapServers, topic, codec, properties, prefix, schema);
    }

    public KafkaSink<T> withSchema(Schema s) {
        return new KafkaSink<>(bootstrapServers, topic, codec, properties, transactionalIdPrefix, s);
    }

    public boolean transactional() {
        return transactionalIdPrefix != null;
    }

    /**
     * Transactional with {@code idPrefix} unless a prefix is set already; a transaction left open by
     * a crashed worker is aborted by the broker after {@code transaction.timeout.ms}, 10 s unless set,
     * so the partitions it holds do not stay blocked for read_committed readers for Kafka's default minute.
     */
    @Override
    public KafkaSink<T> forTransactions(String idPrefix) {
        if (transactional()) {
            return this;
        }
        KafkaSink<T> t = withTransactionalIdPrefix(idPrefix);
        return properties.containsKey("transaction.timeout.ms") ? t : t.withProperty("transaction.timeout.ms", "10000");
    }

    @Override
    public KafkaSinkWriter<T> createWriter(SinkContext context) {
        return new KafkaSinkWriter<>(this, Require.nonNull(context, "context"));
    }

    @Override
    public List<LineageDataset> datasets() {
        return List.of(LineageDataset.kafkaTopic(topic, schema));
    }

    @Override
    public String toString() {
        return "KafkaSink[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", transactional=" + transactional()
                + ", properties=" + properties.keySet() + "]";
    }
}
