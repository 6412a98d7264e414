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
 * <p>Name where it writes; {@link #createWriter} refuses a sink missing either:
 * <!-- examples/src/main/java/dev/sluice/examples/javadoc/NamedKafkaSink.java#snippet -->
 * <pre>{@code
 * KafkaSink<Order> valid = KafkaSink.of(AvroCodec.reflect(Order.class))
 *         .withBootstrapServers(bootstrap)
 *         .withTopic("orders-valid");
 * }</pre>
 *
 * @param bootstrapServers      broker list; null until set
 * @param topic                 destination topic; null until set
 * @param codec                 encodes values
 * @param properties            any producer property, overriding Sluice's defaults
 * @param transactionalIdPrefix null for a non-transactional sink
 * @param schema                the value schema, for lineage; may be null
 */
public record KafkaSink<T>(String bootstrapServers, String topic, Codec<T> codec, Map<String, String> properties,
                           String transactionalIdPrefix, Schema schema) implements TransactionalSink<T> {

    private static final long serialVersionUID = 1L;

    public KafkaSink {
        if (bootstrapServers != null) {
            Require.nonBlank(bootstrapServers, "bootstrapServers");
        }
        if (topic != null) {
            Require.nonBlank(topic, "topic");
        }
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

    /**
     * A sink encoding values with {@code codec}, writing nowhere yet: name the brokers and the topic
     * with {@link #withBootstrapServers} and {@link #withTopic}.
     */
    public static <T> KafkaSink<T> of(Codec<T> codec) {
        return new KafkaSink<>(null, null, codec, Map.of(), null, null);
    }

    /** The brokers to bootstrap from, {@code host:port,...}. */
    public KafkaSink<T> withBootstrapServers(String servers) {
        return new KafkaSink<>(Require.nonBlank(servers, "bootstrapServers"), topic, codec, properties, transactionalIdPrefix, schema);
    }

    /** The topic every record is written to. */
    public KafkaSink<T> withTopic(String name) {
        return new KafkaSink<>(bootstrapServers, Require.nonBlank(name, "topic"), codec, properties, transactionalIdPrefix, schema);
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
        requireNamed();
        return new KafkaSinkWriter<>(this, Require.nonNull(context, "context"));
    }

    @Override
    public List<LineageDataset> datasets() {
        requireNamed();
        return List.of(LineageDataset.kafkaTopic(topic, schema));
    }

    /** Fails naming the topic or the brokers if either is not set. */
    private void requireNamed() {
        if (topic == null) {
            throw new IllegalStateException("KafkaSink: topic not set (withTopic)");
        }
        if (bootstrapServers == null) {
            throw new IllegalStateException("KafkaSink to " + topic + ": bootstrapServers not set (withBootstrapServers)");
        }
    }

    @Override
    public String toString() {
        return "KafkaSink[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", transactional=" + transactional()
                + ", properties=" + properties.keySet() + "]";
    }
}
