package dev.sluice.ingest.state;

import dev.sluice.api.Require;
import dev.sluice.api.error.RetriableException;
import dev.sluice.kafka.KafkaClientDefaults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Source state in a compacted Kafka topic, the way Kafka Connect keeps source offsets: the key is
 * the source's name, the value its state; the newest value of a key wins.
 *
 * <p>{@link Topic#open} creates the topic if it is missing (one partition, {@code cleanup.policy=compact},
 * replication {@code min(3, brokers)}) and reads it to its end. {@link #put} produces with acks=all
 * and waits for the acknowledgement.
 */
public final class KafkaStateStore implements StateStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Where the state lives: the cluster, the topic, and extra client settings (security). */
    public record Topic(String bootstrapServers, String topic, Map<String, String> clientConfig) implements Factory {
        private static final long serialVersionUID = 1L;

        public Topic {
            Require.nonBlank(bootstrapServers, "bootstrapServers");
            Require.nonBlank(topic, "topic");
            clientConfig = Map.copyOf(Require.nonNull(clientConfig, "clientConfig"));
        }

        public static Topic of(String bootstrapServers, String topic) {
            return new Topic(bootstrapServers, topic, Map.of());
        }

        @Override
        public StateStore open() {
            return new KafkaStateStore(this);
        }

        @Override
        public String toString() {
            return "KafkaStateStore.Topic[" + bootstrapServers + ", " + topic + "]"; // client settings may hold secrets
        }
    }

    private final Topic where;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, String> values = new HashMap<>();

    private KafkaStateStore(Topic where) {
        this.where = where;
        Map<String, Object> common = new HashMap<>(where.clientConfig());
        common.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, where.bootstrapServers());
        ensureTopic(common);
        load(common);
        Map<String, Object> p = new HashMap<>(common);
        p.putAll(KafkaClientDefaults.durableProducer(where.bootstrapServers()));
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void ensureTopic(Map<String, Object> config) {
        try (Admin admin = Admin.create(config)) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            NewTopic topic = new NewTopic(where.topic(), 1, (short) Math.min(3, brokers))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(Set.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create state topic " + where.topic() + ": " + e.getCause(), e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not reach Kafka for state topic " + where.topic() + ": " + e, e);
        }
    }

    private void load(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.putAll(KafkaClientDefaults.consumer(where.bootstrapServers(), null, true));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(where.topic(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(tp, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("state topic " + where.topic() + " not read to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        values.remove(key);
                    } else {
                        values.put(key, new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(where.topic(), key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            values.put(key, value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing state of " + key, e);
        } catch (Exception e) {
            throw new RetriableException("could not store state of " + key + " in " + where.topic() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
