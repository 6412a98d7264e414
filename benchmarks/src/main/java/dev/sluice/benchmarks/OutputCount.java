package dev.sluice.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** How many records a run left in its output topic, counted by reading it, so every contender is held to the same output. */
final class OutputCount {

    private OutputCount() {}

    /**
     * The records of {@code topic} a {@code read_committed} consumer sees: those of committed
     * transactions only (end offsets would count aborted records and transaction markers too).
     */
    static long committed(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = readCommitted(bootstrap, topic)) {
            Map<TopicPartition, Long> end = c.endOffsets(c.assignment()); // the last stable offsets, under read_committed
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!reached(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("counting " + topic + " did not reach its end within 2 minutes (at " + count + " records)");
                }
                count += c.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    /** A {@code read_committed} consumer of every partition of {@code topic}, from the beginning, in no group. */
    static KafkaConsumer<byte[], byte[]> readCommitted(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    private static boolean reached(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
    }
}
