package dev.sluice.kafka;

import dev.sluice.api.Require;
import dev.sluice.api.codec.Codec;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.TransactionalSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Reads Kafka topics as a consumer group, decoding values with a {@link Codec}.
 *
 * <p>Offsets are committed only for positions the runtime reports processed (auto-commit is forced
 * off), and pending work is committed when partitions are revoked; see {@link KafkaSourceReader}.
 * Its positions can also commit inside a Kafka transaction of a {@link KafkaSink} (exactly-once).
 *
 * <p>Name what it reads; {@link #createReader} refuses a source missing any of the three:
 * <!-- examples/src/main/java/dev/sluice/examples/javadoc/NamedKafkaSource.java#snippet -->
 * <pre>{@code
 * KafkaSource<Order> orders = KafkaSource.of(AvroCodec.reflect(Order.class))
 *         .withBootstrapServers(bootstrap)
 *         .withGroupId("orders-validator")
 *         .withTopics("orders");
 * }</pre>
 *
 * @param bootstrapServers broker list, {@code host:port,...}; null until set
 * @param groupId          consumer group; members of one group share the partitions; null until set
 * @param topics           topics to read; empty until set
 * @param codec            decodes record values
 * @param properties       any consumer property, overriding Sluice's defaults (except auto-commit)
 * @param readCommitted    read only committed transactional records ({@code isolation.level})
 * @param schema           the value schema, for lineage; may be null
 */
public record KafkaSource<T>(String bootstrapServers, String groupId, List<String> topics, Codec<T> codec,
                             Map<String, String> properties, boolean readCommitted, Schema schema) implements TransactionalSource<T> {

    private static final long serialVersionUID = 1L;

    public KafkaSource {
        if (bootstrapServers != null) {
            Require.nonBlank(bootstrapServers, "bootstrapServers");
        }
        if (groupId != null) {
            Require.nonBlank(groupId, "groupId");
        }
        Require.nonNull(topics, "topics").forEach(t -> Require.nonBlank(t, "topic"));
        topics = List.copyOf(topics);
        Require.nonNull(codec, "codec");
        properties = Map.copyOf(Require.nonNull(properties, "properties"));
    }

    /**
     * A source decoding values with {@code codec}, reading nothing yet: name the brokers, the group
     * and the topics with {@link #withBootstrapServers}, {@link #withGroupId} and {@link #withTopics}.
     */
    public static <T> KafkaSource<T> of(Codec<T> codec) {
        return new KafkaSource<>(null, null, List.of(), codec, Map.of(), true, null);
    }

    /** The brokers to bootstrap from, {@code host:port,...}. */
    public KafkaSource<T> withBootstrapServers(String servers) {
        return new KafkaSource<>(Require.nonBlank(servers, "bootstrapServers"), groupId, topics, codec, properties, readCommitted, schema);
    }

    /** The consumer group: its members share the partitions, and its committed offsets are where a restart resumes. */
    public KafkaSource<T> withGroupId(String group) {
        return new KafkaSource<>(bootstrapServers, Require.nonBlank(group, "groupId"), topics, codec, properties, readCommitted, schema);
    }

    /** The topics to read, one or more; replaces any named before. */
    public KafkaSource<T> withTopics(String... names) {
        return new KafkaSource<>(bootstrapServers, groupId, List.of(Require.nonNull(names, "topics")), codec, properties, readCommitted, schema);
    }

    public KafkaSource<T> withProperty(String key, String value) {
        Map<String, String> p = new HashMap<>(properties);
        p.put(Require.nonBlank(key, "property key"), Require.nonNull(value, "property " + key));
        return new KafkaSource<>(bootstrapServers, groupId, topics, codec, p, readCommitted, schema);
    }

    public KafkaSource<T> withReadCommitted(boolean v) {
        return new KafkaSource<>(bootstrapServers, groupId, topics, codec, properties, v, schema);
    }

    public KafkaSource<T> withSchema(Schema s) {
        return new KafkaSource<>(bootstrapServers, groupId, topics, codec, properties, readCommitted, s);
    }

    @Override
    public boolean readsCommittedOnly() {
        return readCommitted;
    }

    /**
     * A reader joining the group; with a {@link SourceContext#memberId()} and no
     * {@code group.instance.id} property, as that static member.
     */
    @Override
    public KafkaSourceReader<T> createReader(SourceContext context) {
        requireNamed();
        return new KafkaSourceReader<>(this, Require.nonNull(context, "context"));
    }

    @Override
    public List<LineageDataset> datasets() {
        return topics.stream().map(t -> LineageDataset.kafkaTopic(t, schema)).toList();
    }

    /** Fails naming the first of the brokers, group and topics that is not set. */
    void requireNamed() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("KafkaSource of " + topics + ": bootstrapServers not set (withBootstrapServers)");
        }
        if (groupId == null) {
            throw new IllegalStateException("KafkaSource of " + topics + ": groupId not set (withGroupId)");
        }
        if (topics.isEmpty()) {
            throw new IllegalStateException("KafkaSource of group " + groupId + ": no topic named (withTopics)");
        }
    }

    /** Shows the configuration without property values, which may hold credentials. */
    @Override
    public String toString() {
        return "KafkaSource[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", topics=" + topics
                + ", readCommitted=" + readCommitted + ", properties=" + properties.keySet() + "]";
    }
}
