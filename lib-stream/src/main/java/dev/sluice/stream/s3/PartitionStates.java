package dev.sluice.stream.s3;

import dev.sluice.api.Position;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.source.SourcePartition;
import io.github.resilience4j.retry.Retry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one writer knows per source partition, found by a record's position. A Kafka partition seen
 * for the first time (or again after it was released) reads its recorded segment ends, so a replay
 * closes segments where the earlier run did. Records without a Kafka position share one
 * writer-local partition, numbered by the writer: at-least-once, with no replay to align.
 */
final class PartitionStates {

    private static final Logger log = LoggerFactory.getLogger(PartitionStates.class);

    private final Map<SourcePartition, PartitionState> states = new HashMap<>();
    private final Intents intents;
    private final Uploads uploads;
    private final Retry retry;
    private final String component;
    private final SourcePartition local;
    private long localOffset;
    private PartitionState last;

    PartitionStates(Intents intents, Uploads uploads, Retry retry, String component, int subtask) {
        this.intents = intents;
        this.uploads = uploads;
        this.retry = retry;
        this.component = component;
        this.local = new SourcePartition("local-" + UUID.randomUUID().toString().substring(0, 8), subtask);
    }

    /** The offset a record is known by: its Kafka offset, or the next writer-local number. */
    long offsetOf(Position position) {
        return position instanceof Position.Kafka k ? k.offset() : localOffset++;
    }

    /** The state of the record's partition; records of one partition come in runs, so the last one is kept at hand. */
    PartitionState of(Position position, long offset) {
        if (!(position instanceof Position.Kafka k)) {
            return states.computeIfAbsent(local, tp -> new PartitionState(tp, new TreeMap<>()));
        }
        PartitionState p = last;
        if (p != null && p.partition.partition() == k.partition() && p.partition.topic().equals(k.topic())) {
            return p;
        }
        last = states.computeIfAbsent(new SourcePartition(k.topic(), k.partition()), tp -> activate(tp, offset));
        return last;
    }

    boolean isLocal(SourcePartition tp) {
        return tp.equals(local);
    }

    PartitionState get(SourcePartition tp) {
        return states.get(tp);
    }

    Collection<PartitionState> all() {
        return states.values();
    }

    PartitionState remove(SourcePartition tp) {
        last = null;
        return states.remove(tp);
    }

    void clear() {
        last = null;
        states.clear();
    }

    /** Reads the partition's recorded segments; the ones before its first offset are committed and forgotten. */
    private PartitionState activate(SourcePartition tp, long firstOffset) {
        TreeMap<Long, Long> recorded;
        try {
            recorded = retry.executeSupplier(() -> intents.list(tp));
        } catch (RuntimeException e) {
            throw new RetriableException(component + ": cannot read the recorded segments of " + tp + " from S3: " + e, e);
        }
        PartitionState state = new PartitionState(tp, recorded);
        uploads.forget(tp, state.forgetRecordedBefore(firstOffset));
        if (!recorded.isEmpty()) {
            log.info("{}: {} resumes at offset {}; replaying {} recorded segment(s) with their recorded ends", component, tp, firstOffset,
                    recorded.size());
        }
        return state;
    }
}
