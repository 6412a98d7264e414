package dev.sluice.reference;

import dev.sluice.testkit.KRaftBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The reference app's embedded Kafka: lib-testkit's {@link KRaftBroker}, a real single-node KRaft
 * broker in this JVM whose data lives in a temporary directory deleted on {@link #close()}, plus
 * the one question the app asks of it (how many records a topic holds).
 */
final class EmbeddedKafka implements AutoCloseable {

    private final KRaftBroker broker;

    private EmbeddedKafka(KRaftBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafka start() {
        return new EmbeddedKafka(KRaftBroker.start());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    Admin admin() {
        return broker.admin();
    }

    /** Creates a topic and waits until every partition has a leader. */
    void createTopic(String name, int partitions) {
        broker.createTopic(name, partitions);
    }

    /** Records on the broker: the sum of the topic's end offsets (no transactions, no compaction here). */
    long endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
        }
    }

    /** All records of a topic, read back from the start to its end. */
    List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> readAll(String topic) throws Exception {
        return dev.sluice.testkit.Topics.read(broker, topic, (int) endOffsets(topic), java.time.Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        broker.close();
    }
}
