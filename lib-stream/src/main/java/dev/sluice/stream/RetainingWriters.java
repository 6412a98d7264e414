package dev.sluice.stream;

import dev.sluice.api.Position;
import dev.sluice.api.sink.RetainingSinkWriter;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.api.source.SourcePartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime's side of {@link RetainingSinkWriter}: asks a worker's retaining writers what they
 * still hold, and splits the processed positions into those that may be committed and those that
 * must wait. With no retaining writer every position may be committed after a flush.
 */
final class RetainingWriters {

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
    Map<SourcePartition, Long> checkpoint() {
        Map<SourcePartition, Long> limits = new HashMap<>();
        writers.forEach(w -> w.checkpoint().forEach((tp, o) -> limits.merge(tp, o, Math::min)));
        return limits;
    }

    Map<SourcePartition, Long> release(Collection<SourcePartition> partitions) {
        Map<SourcePartition, Long> limits = new HashMap<>();
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

    /** Tells the writers what was committed: positions from {@link #split}, one per partition. */
    void committed(List<Position> positions) {
        if (writers.isEmpty() || positions.isEmpty()) {
            return;
        }
        Map<SourcePartition, Long> next = new HashMap<>();
        for (Position p : positions) {
            if (p instanceof Position.Offset o) {
                next.merge(o.sourcePartition(), o.offset() + 1, Math::max);
            }
        }
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
    static List<Position> split(List<Position> uncommitted, Map<SourcePartition, Long> limits) {
        if (limits.isEmpty()) {
            List<Position> all = new ArrayList<>(uncommitted);
            uncommitted.clear();
            return all;
        }
        List<Position> unordered = new ArrayList<>(); // positions without offsets: nothing can hold them back
        Map<SourcePartition, Position.Offset> commit = new HashMap<>();
        Map<SourcePartition, Position.Offset> wait = new HashMap<>();
        for (Position p : uncommitted) {
            if (!(p instanceof Position.Offset k)) {
                unordered.add(p);
                continue;
            }
            SourcePartition tp = k.sourcePartition();
            Long limit = limits.get(tp);
            Map<SourcePartition, Position.Offset> into = limit == null || k.offset() < limit ? commit : wait;
            into.merge(tp, k, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        wait.forEach((tp, k) -> {
            long below = limits.get(tp) - 1;
            if (below >= 0) { // a limit of 0: nothing of the partition is durable yet
                commit.put(tp, k.withOffset(below));
            }
        });
        uncommitted.clear();
        uncommitted.addAll(wait.values());
        unordered.addAll(commit.values());
        return unordered;
    }
}
