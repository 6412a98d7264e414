package dev.sluice.embedded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker: {@link KRaftBroker} in this JVM here; lib-testkit adds Kafka's test kit and a container. Always on
 * loopback with a random port; {@link #close()} stops it and deletes its data.
 */
public interface KafkaService extends AutoCloseable {

    String bootstrapServers();

    /**
     * Creates a topic with replication factor 1 and waits until the broker serves every partition
     * (a leader that answers for it), so a producer's first batch finds it; existing topics are kept.
     */
    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    default void createTopic(String name, int partitions, Map<String, String> config) {
        try (Admin admin = admin()) {
            try {
                admin.createTopics(Set.of(new NewTopic(name, partitions, (short) 1).configs(config))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name + ": " + e.getCause(), e.getCause());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!servesAllPartitions(admin, name)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has partitions without a leader after 30 s");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name + ": " + e, e);
        }
    }

    /**
     * Every partition has a leader in the metadata and that leader answers a ListOffsets for it.
     * The metadata alone is not enough: KRaft's broker publishes a new topic to its metadata cache
     * before its replica manager leads the partition, and an idempotent producer whose first
     * batches meet NOT_LEADER_OR_FOLLOWER there has been seen to retry into
     * OutOfOrderSequenceException until its records expired.
     */
    private static boolean servesAllPartitions(Admin admin, String topic) throws Exception {
        try {
            List<TopicPartitionInfo> partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions();
            if (!partitions.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            partitions.forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false; // not in the broker's metadata yet, or its leader not serving it yet
        }
    }

    /** An admin client for this broker; the caller closes it. */
    default Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    @Override
    void close();
}
