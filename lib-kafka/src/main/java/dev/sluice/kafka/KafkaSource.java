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
 * @param bootstrapServers broker list, {@code host:port,...}
 * @param groupId          consumer group; members of one group share the partitions
 * @param topics           topics to read, at least one
 * @param codec            decodes record values
 * @param properties       any consumer property, overriding Sluice's defaults (except auto-commit)
 * @param readCommitted    read only committed transactional records ({@code isolation.level})
 * @param schema           the value schema, for lineage; may be null
 */
public record KafkaSource<T>(String bootstrapServers, String groupId, List<String> topics, Codec<T> codec,
                             Map<String, String> properties, boolean readCommitted, Schema schema) implements TransactionalSource<T> {

    private static final long serialVersionUID = 1L;

    public KafkaSource {
        Require.nonBlank(bootstrapServers, "bootstrapServers");
        Require.nonBlank(groupId, "groupId");
        Require.nonNull(topics, "topics");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("topics must name at least one topic");
        }
        topics.forEach(t -> Require.nonBlank(t, "topic"));
        topics = List.copyOf(topics);
        Require.nonNull(codec, "codec");
        properties = Map.copyOf(Require.nonNull(properties, "properties"));
    }

    /**
     * A source reading {@code topics} as members of the consumer group {@code groupId}.
     *
     * @param bootstrapServers the brokers, {@code host:port,...}
     * @param groupId          the consumer group: its committed offsets are where a restart resumes
     * @param codec            decodes each record's value bytes
     * @param topics           one or more topics to read
     */
    public static <T> KafkaSource<T> of(String bootstrapServers, String groupId, Codec<T> codec, String... topics) {
        return new KafkaSource<>(bootstrapServers, groupId, List.of(topics), codec, Map.of(), true, null);
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
        return new KafkaSourceReader<>(this, Require.nonNull(context, "context"));
    }

    @Override
    public List<LineageDataset> datasets() {
        return topics.stream().map(t -> LineageDataset.kafkaTopic(t, schema)).toList();
    }

    /** Shows the configuration without property values, which may hold credentials. */
    @Override
    public String toString() {
        return "KafkaSource[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId + ", topics=" + topics
                + ", readCommitted=" + readCommitted + ", properties=" + properties.keySet() + "]";
    }
}
