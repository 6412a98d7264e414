package dev.sluice.reference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Set<TopicPartition> assigned = consumer.assignment();
        if (!assigned.containsAll(end.keySet())) {
            List<TopicPartition> added = end.keySet().stream().filter(tp -> !assigned.contains(tp)).toList();
            List<TopicPartition> all = new ArrayList<>(assigned);
            all.addAll(added);
            consumer.assign(all);
            consumer.seekToBeginning(added);
        }
        consumer.resume(consumer.paused());
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!pauseThoseAtTheirEnd(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) {
                    read.add(r);
                } else {
                    consumer.seek(tp, end.get(tp)); // past this call's end: the next call reads it
                }
            }
        }
        return read;
    }

    /**
     * Pauses the partitions that reached their end, so a poll fetches only the others (not records
     * it would give back); true when all have.
     */
    private boolean pauseThoseAtTheirEnd(Map<TopicPartition, Long> end) {
        List<TopicPartition> done = end.entrySet().stream().filter(e -> consumer.position(e.getKey()) >= e.getValue())
                .map(Map.Entry::getKey).toList();
        consumer.pause(done);
        return done.size() == end.size();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
