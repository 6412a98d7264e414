package dev.sluice.stream.s3;

import dev.sluice.api.source.SourcePartition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open files of one source partition, from its first offset: one file per directory. All of
 * them close together, so the committed offset of the partition is always the start of a segment,
 * and a replay from there rebuilds the same segments (see {@link Intents}).
 */
final class Segment {

    final SourcePartition partition;
    final long start;
    /** The last offset of this segment as recorded by an earlier run, or -1 when it is new. */
    final long replayEnd;
    final Map<String, FileBuffer> files = new LinkedHashMap<>();
    long lastOffset = -1;
    long records;
    /** Encoded record bytes in all files, for the size rule. */
    long bytes;
    long firstRecordTime = Long.MIN_VALUE;
    long lastAppendNanos;
    /** When the first record came, by the wall clock, for the maximum age. */
    long openedNanos;

    Segment(SourcePartition partition, long start, long replayEnd) {
        this.partition = partition;
        this.start = start;
        this.replayEnd = replayEnd;
    }

    boolean replaying() {
        return replayEnd >= 0;
    }

    FileBuffer file(String directory, long offset, boolean keepKeys, AtomicLong budget) {
        return files.computeIfAbsent(directory, d -> new FileBuffer(d, offset, keepKeys, budget));
    }

    /** What the files hold of the writer's memory budget: the unit {@code isFull} and the memory rule count in. */
    long allocatedBytes() {
        long sum = 0;
        for (FileBuffer f : files.values()) {
            sum += f.allocatedBytes();
        }
        return sum;
    }

    void release() {
        files.values().forEach(FileBuffer::release);
    }
}
