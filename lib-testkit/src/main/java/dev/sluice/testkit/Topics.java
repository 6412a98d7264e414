package dev.sluice.testkit;

import dev.sluice.embedded.KafkaService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes and reads topics with plain Kafka clients, bypassing Sluice, so tests check what is really
 * on the broker.
 */
public final class Topics {

    private Topics() {}

    /** Produces every record (acks=all) and waits for each acknowledgement. */
    public static void produce(KafkaService kafka, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            records.forEach(r -> acks.add(p.send(r)));
            for (Future<RecordMetadata> f : acks) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("produce failed: " + e.getCause(), e.getCause());
        }
    }

    /** Produces values without keys. */
    public static void produceValues(KafkaService kafka, String topic, List<byte[]> values) {
        produce(kafka, values.stream().map(v -> new ProducerRecord<byte[], byte[]>(topic, v)).toList());
    }

    /**
     * Reads a topic from the beginning with {@code read_committed}: waits (up to {@code timeout})
     * until at least {@code atLeast} records arrived, then reads on to the end of every partition
     * (the last stable offset), so duplicates can never end the read early. A topic that does not
     * exist yet is waited for within the same timeout, then named in the error.
     */
    public static List<ConsumerRecord<byte[], byte[]>> read(KafkaService kafka, String topic, int atLeast, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // Reading must not create the topic it waits for (the in-JVM broker auto-creates on a metadata request).
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = partitions(c, topic, deadline, timeout);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            while (got.size() < atLeast && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
            }
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
            }
        }
        return got;
    }

    /** The topic's partitions, waiting until it exists (a producer or a pipeline may create it a moment later). */
    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic, long deadline, Duration timeout) {
        while (true) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " does not exist (waited " + timeout + " for it)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
    }
}
