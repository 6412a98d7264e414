package dev.sluice.reference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One topic read from its beginning by one consumer kept open, a little more at each
 * {@link #readToEnd}: the records written since the last call. A wait that re-reads a topic a few
 * times a second (the orders' statuses) reads each record once, instead of a new consumer and the
 * whole topic every time, which took CPU from the stages it waited for. Not thread-safe.
 */
final class TopicTail implements AutoCloseable {

    /** The topic's end offsets now, per partition. */
    interface Ends {
        Map<TopicPartition, Long> of(String topic) throws Exception;
    }

    private final String topic;
    private final Ends ends;
    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicTail(String topic, Ends ends, KafkaConsumer<byte[], byte[]> consumer) {
        this.topic = topic;
        this.ends = ends;
        this.consumer = consumer;
    }

    /** The records after the last call's, up to the topic's end offsets as they are now. */
    List<ConsumerRecord<byte[], byte[]>> readToEnd() throws Exception {
        Map<TopicPartition, Long> end = ends.of(topic);
        if (!consumer.assignment().containsAll(end.keySet())) {
            List<TopicPartition> added = end.keySet().stream().filter(tp -> !consumer.assignment().contains(tp)).toList();
            List<TopicPartition> all = new ArrayList<>(consumer.assignment());
            all.addAll(added);
            consumer.assign(all);
            consumer.seekToBeginning(added);
        }
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    read.add(r);
                } else {
                    consumer.seek(new TopicPartition(r.topic(), r.partition()), end.get(new TopicPartition(r.topic(), r.partition())));
                }
            });
        }
        return read;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
