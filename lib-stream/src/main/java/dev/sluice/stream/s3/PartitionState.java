package dev.sluice.stream.s3;

import dev.sluice.api.error.RetriableException;
import dev.sluice.api.source.SourcePartition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What one S3 sink writer knows of one source partition: its open segment, the closing ones, the recorded ends. */
final class PartitionState {

    /** A closed segment on its way to S3. */
    record Closing(long start, long end, CompletableFuture<Void> done) {}

    final SourcePartition partition;
    /** Recorded segments of this partition (first offset to last), from earlier runs and this one. */
    final TreeMap<Long, Long> recorded;
    final List<Closing> closing = new ArrayList<>();
    Segment open;

    PartitionState(SourcePartition partition, TreeMap<Long, Long> recorded) {
        this.partition = partition;
        this.recorded = recorded;
    }

    /** The recorded end of a segment that starts at {@code offset}, or -1. */
    long recordedEnd(long offset) {
        Map.Entry<Long, Long> e = recorded.floorEntry(offset);
        return e != null && e.getValue() >= offset ? e.getValue() : -1;
    }

    /** The first recorded segment start after {@code offset}, or Long.MAX_VALUE. */
    long nextRecordedStart(long offset) {
        Long k = recorded.higherKey(offset);
        return k == null ? Long.MAX_VALUE : k;
    }

    /** Forgets the recorded segments that end before {@code next} (their offsets are committed); answers their starts. */
    List<Long> forgetRecordedBefore(long next) {
        List<Long> done = new ArrayList<>();
        recorded.headMap(next).forEach((start, end) -> {
            if (end < next) {
                done.add(start);
            }
        });
        done.forEach(recorded::remove);
        return done;
    }

    /**
     * Drops the closing segments that are durable and answers the oldest offset still held
     * (-1: none); rethrows the failure of one that gave up.
     */
    long reap() {
        long oldest = open != null ? open.start : Long.MAX_VALUE;
        for (Iterator<Closing> it = closing.iterator(); it.hasNext(); ) {
            Closing c = it.next();
            if (!c.done().isDone()) {
                oldest = Math.min(oldest, c.start());
            } else if (c.done().isCompletedExceptionally()) {
                try {
                    c.done().join();
                } catch (CompletionException e) {
                    throw new UploadFailedException(partition, c.start(), c.end(), e.getCause());
                }
            } else {
                it.remove();
            }
        }
        return oldest == Long.MAX_VALUE ? -1 : oldest;
    }

    /** The failure of an upload that gave up: transient, so the runtime rewinds and tries again later. */
    static final class UploadFailedException extends RetriableException {
        UploadFailedException(SourcePartition tp, long start, long end, Throwable cause) {
            super("upload of " + tp + " offsets " + start + ".." + end + " to S3 failed: " + cause, cause);
        }
    }
}
