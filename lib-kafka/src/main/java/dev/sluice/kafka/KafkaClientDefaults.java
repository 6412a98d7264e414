package dev.sluice.kafka;

import dev.sluice.api.Require;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings every Kafka client of Sluice starts from, in one place: a producer whose
 * acknowledged records are on every in-sync replica and never duplicated by its retries
 * ({@code acks=all}, idempotence), and a consumer that commits only what Sluice says is processed
 * and reads a new group from the beginning. Each client adds its own tuning on top (the sink's
 * batching, the ingest server's timeouts); the returned maps are mutable copies.
 */
public final class KafkaClientDefaults {

    private KafkaClientDefaults() {}

    public static Map<String, Object> durableProducer(String bootstrapServers) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Require.nonBlank(bootstrapServers, "bootstrapServers"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return p;
    }

    /** Auto-commit off, {@code earliest} for a group without offsets; {@code groupId} may be null (assigned reads). */
    public static Map<String, Object> consumer(String bootstrapServers, String groupId, boolean readCommitted) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Require.nonBlank(bootstrapServers, "bootstrapServers"));
        if (groupId != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        return c;
    }
}
