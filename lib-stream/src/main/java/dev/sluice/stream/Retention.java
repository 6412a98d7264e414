package dev.sluice.stream;

import dev.sluice.core.Position;
import dev.sluice.core.sink.RetainingSinkWriter;
import dev.sluice.core.sink.SinkWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The runtime's side of {@link RetainingSinkWriter}: asks a worker's retaining writers what they
 * still hold, and splits the processed positions into those that may be committed and those that
 * must wait. With no retaining writer every position may be committed after a flush.
 */
final class Retention {

    private final List<RetainingSinkWriter<?>> writers = new ArrayList<>();

    void add(SinkWriter<?> writer) {
        if (writer instanceof RetainingSinkWriter<?> r) {
            writers.add(r);
        }
    }

    boolean isRetaining(SinkWriter<?> writer) {
        return writer instanceof RetainingSinkWriter<?>;
    }

    /** Per partition, the lowest offset any writer still holds. */
    Map<TopicPartition, Long> checkpoint() {
        Map<TopicPartition, Long> limits = new HashMap<>();
        writers.forEach(w -> w.checkpoint().forEach((tp, o) -> limits.merge(tp, o, Math::min)));
        return limits;
    }

    Map<TopicPartition, Long> release(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> limits = new HashMap<>();
        writers.forEach(w -> w.release(partitions).forEach((tp, o) -> limits.merge(tp, o, Math::min)));
        return limits;
    }

    void discardAll() {
        writers.forEach(RetainingSinkWriter::discardAll);
    }

    boolean isFull() {
        for (RetainingSinkWriter<?> w : writers) {
            if (w.isFull()) {
                return true;
            }
        }
        return false;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (writers.isEmpty() || offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        offsets.forEach((tp, o) -> next.put(tp, o.offset()));
        writers.forEach(w -> w.committed(next));
    }

    /**
     * Moves out of {@code uncommitted} what may be committed and compacts what stays to one position
     * per partition, so a writer holding records for minutes does not make the runtime hold one
     * position per record. Per partition: with no limit, or with every position below it, the
     * highest position is committed. When positions lie at or past the limit, a partition's records
     * are processed in offset order, so every record below the limit was processed too: the commit is
     * then the position just below the limit (the next offset to read is the limit itself), whether
     * or not a position below it is still in the list. Keeping only the highest waiting position
     * would otherwise lose the place a later, higher limit lets the runtime commit up to.
     */
    static List<Position> split(List<Position> uncommitted, Map<TopicPartition, Long> limits) {
        if (limits.isEmpty()) {
            List<Position> all = new ArrayList<>(uncommitted);
            uncommitted.clear();
            return all;
        }
        Map<TopicPartition, Position.Kafka> commit = new HashMap<>();
        Map<TopicPartition, Position.Kafka> wait = new HashMap<>();
        for (Position p : uncommitted) {
            Position.Kafka k = (Position.Kafka) p;
            TopicPartition tp = new TopicPartition(k.topic(), k.partition());
            Long limit = limits.get(tp);
            Map<TopicPartition, Position.Kafka> into = limit == null || k.offset() < limit ? commit : wait;
            into.merge(tp, k, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        wait.forEach((tp, k) -> {
            long below = limits.get(tp) - 1;
            if (below >= 0) { // a limit of 0: nothing of the partition is durable yet
                commit.put(tp, new Position.Kafka(k.topic(), k.partition(), below));
            }
        });
        uncommitted.clear();
        uncommitted.addAll(wait.values());
        return new ArrayList<>(commit.values());
    }
}
