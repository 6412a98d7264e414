package dev.sluice.stream.s3;

import dev.sluice.api.Envelope;
import dev.sluice.api.Require;
import dev.sluice.api.error.DataException;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.Stage;
import dev.sluice.api.sink.RetainingSinkWriter;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.source.SourcePartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.IndexedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One worker's S3 sink writer: records go into the open segment of their source partition (one
 * in-memory file per directory), segments close by the {@link Rotation} rules and are uploaded on
 * background threads, and {@link #checkpoint} tells the runtime which offsets are durable. See
 * {@link S3Sink} for the guarantees.
 */
final class S3SinkWriter<T extends IndexedRecord> implements RetainingSinkWriter<T> {

    private static final Logger log = LoggerFactory.getLogger(S3SinkWriter.class);
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(30);
    private static final Duration DISCARD_WAIT = Duration.ofSeconds(60);

    private static final String TOMBSTONE = "tombstone";

    private final S3Sink<T> sink;
    private final SinkContext context;
    private final String component;
    private final S3Client client;
    private final Uploads uploads;
    private final Intents intents;
    private final FileSchemas schemas = new FileSchemas();
    private final Partitioner partitioner;
    private final ValueEncoder encoder = new ValueEncoder();
    private final AtomicLong buffered = new AtomicLong();
    private final PartitionStates partitions;
    private final S3SinkMetrics metrics;
    private int openFiles;
    private boolean closed;

    S3SinkWriter(S3Sink<T> sink, SinkContext context) {
        this.sink = sink;
        this.context = context;
        this.component = "s3-sink:" + sink.bucket() + "/" + sink.prefix();
        this.client = sink.connection().client();
        this.intents = new Intents(client, sink.bucket(), sink.prefix());
        this.partitioner = sink.partitioning().partitioner();
        this.metrics = new S3SinkMetrics(context.metricGroup(), component);
        FileEncoder fileEncoder = sink.fileEncoder(schemas);
        SegmentUpload.Context uploadContext = new SegmentUpload.Context(client, sink.bucket(), sink.prefix(), sink.table(), sink.format(),
                fileEncoder, intents, sink.buffering().partSize(), sink.buffering().retryFor(), metrics, component);
        this.uploads = new Uploads(uploadContext, intents, sink.buffering().uploadThreads(), component + "-upload-" + context.subtask());
        uploads.prepare("the file format's warm-up", () -> {
            fileEncoder.warmUp(sink.schema());
            return null;
        });
        this.partitions = new PartitionStates(intents, uploads, uploadContext.retry(new AtomicBoolean()), component,
                context.subtask());
    }

    @Override
    public void write(Envelope<T> record) {
        Require.nonNull(record, "record");
        ensureOpen();
        long offset = partitions.offsetOf(record.position());
        PartitionState ps = partitions.of(record.position(), offset);
        T value = record.value();
        if (value == null && sink.tombstones() != Tombstones.MARKER) {
            tombstone(record);
            return;
        }
        Prepared p;
        try {
            p = prepare(record);
        } catch (RuntimeException e) {
            // Only a failing record pays for the policy machinery: its first failure is attempt 1 of the policy.
            var outcome = context.failures().recover(Stage.SINK, component, record, e, () -> prepare(record));
            if (!outcome.succeeded()) {
                return;
            }
            p = outcome.value();
        }
        append(ps, offset, record, p);
    }

    private Prepared prepare(Envelope<T> record) {
        T value = record.value();
        return new Prepared(partitioner.path(value, record.eventTime()), value == null ? -1 : schemas.id(value.getSchema()),
                value == null ? 0 : encoder.encode(value));
    }

    private record Prepared(String directory, int schemaId, int length) {}

    private void append(PartitionState ps, long offset, Envelope<T> record, Prepared p) {
        long time = record.eventTime().toEpochMilli();
        Segment seg = rotateBefore(ps, offset, time);
        if (seg == null) {
            seg = open(ps, offset);
        }
        FileBuffer file = seg.files.get(p.directory());
        if (p.schemaId() >= 0 && file != null && !file.admits(p.schemaId(), schemas)) {
            log.info("{}: {}@{} has a schema that cannot share a file with {} ({}); closing the open files of {}", component,
                    ps.partition, offset, file.directory, schemas.incompatibility(file.chosenSchema(), p.schemaId()), ps.partition);
            close(ps, RotationReason.SCHEMA);
            seg = open(ps, offset);
            file = null;
        }
        if (file == null) {
            file = seg.file(p.directory(), offset, sink.tombstones() == Tombstones.MARKER, buffered);
            if (p.schemaId() >= 0) { // a tombstone has no schema: a file of tombstones only gets the marker columns alone
                file.admits(p.schemaId(), schemas);
            }
            openFilesChanged(1);
        }
        long before = file.bytes();
        file.append(p.schemaId(), record.key(), encoder.bytes(), p.length());
        seg.bytes += file.bytes() - before;
        seg.records++;
        seg.lastOffset = offset;
        seg.lastAppendNanos = System.nanoTime();
        if (seg.firstRecordTime == Long.MIN_VALUE) {
            seg.firstRecordTime = time;
            seg.openedNanos = seg.lastAppendNanos;
        }
        rotateAfter(ps, seg, offset);
        boundMemory();
    }

    /** Closes the open segment if this record must start a new one; answers the segment it goes into, or null. */
    private Segment rotateBefore(PartitionState ps, long offset, long time) {
        Segment seg = ps.open;
        if (seg == null) {
            return null;
        }
        RotationReason reason = null;
        if (offset <= seg.lastOffset) {
            log.warn("{}: {}@{} is at or before the open segment's last offset {}; dropping the segment (it will be rewritten)",
                    component, ps.partition, offset, seg.lastOffset);
            drop(ps);
            return null;
        } else if (seg.replaying()) {
            reason = offset > seg.replayEnd ? RotationReason.REPLAY : null;
        } else if (offset >= ps.nextRecordedStart(seg.start)) {
            reason = RotationReason.REPLAY;
        } else if (!sink.rotation().recordTimeSpan().isZero() && time - seg.firstRecordTime >= sink.rotation().recordTimeSpan().toMillis()) {
            reason = RotationReason.RECORD_TIME;
        }
        if (reason != null) {
            close(ps, reason);
            return null;
        }
        return seg;
    }

    private void rotateAfter(PartitionState ps, Segment seg, long offset) {
        if (seg.replaying()) {
            if (offset >= seg.replayEnd) {
                close(ps, RotationReason.REPLAY);
            }
        } else if (seg.records >= sink.rotation().maxRecords()) {
            close(ps, RotationReason.RECORDS);
        } else if (seg.bytes >= sink.rotation().maxBytes()) {
            close(ps, RotationReason.BYTES);
        } else if (tooOld(seg, seg.lastAppendNanos)) {
            close(ps, RotationReason.AGE);
        }
    }

    /** Past half the bound in open files, closes the largest open segment (not one being replayed: its end is fixed). */
    private void boundMemory() {
        long max = sink.buffering().maxBufferedBytes();
        while (buffered.get() - uploads.closingBytes() > max / 2) {
            PartitionState largest = null;
            for (PartitionState ps : partitions.all()) {
                if (ps.open != null && !ps.open.replaying() && (largest == null || ps.open.bytes > largest.open.bytes)) {
                    largest = ps;
                }
            }
            if (largest == null) {
                return;
            }
            close(largest, RotationReason.MEMORY);
        }
    }

    /** A segment being replayed keeps its recorded end; any other closes at the maximum age. */
    private boolean tooOld(Segment seg, long now) {
        long maxAge = sink.rotation().maxAge().toNanos();
        return maxAge > 0 && !seg.replaying() && now - seg.openedNanos >= maxAge;
    }

    private Segment open(PartitionState ps, long offset) {
        ps.open = new Segment(ps.partition, offset, ps.recordedEnd(offset));
        return ps.open;
    }

    private void close(PartitionState ps, RotationReason reason) {
        Segment seg = ps.open;
        ps.open = null;
        openFilesChanged(-seg.files.size());
        if (!seg.replaying() && !partitions.isLocal(ps.partition)) {
            ps.recorded.put(seg.start, seg.lastOffset);
        }
        ps.closing.add(new PartitionState.Closing(seg.start, seg.lastOffset, uploads.submit(seg, reason)));
    }

    /** A tombstone not written as a marker: skipped and counted, or the policy's to decide (see {@link Tombstones}). */
    private void tombstone(Envelope<T> record) {
        if (sink.tombstones() == Tombstones.SKIP) {
            DataException skip = new DataException("tombstone (null value) skipped by the S3 sink", TOMBSTONE, null);
            // Counted, not logged: a compacted topic can hold a tombstone per key.
            context.metrics().onFailure(Failure.of(record, Stage.SINK, component, skip, 1), Decision.SKIP_AND_COUNT);
        } else {
            context.failures().concludeRetried(Stage.SINK, component, record,
                    new DataException("tombstone (null value): the S3 sink writes no row for it (Tombstones.POLICY)", TOMBSTONE, null));
        }
    }

    private void openFilesChanged(int delta) {
        openFiles += delta;
        metrics.openFiles(openFiles);
    }

    private void drop(PartitionState ps) {
        if (ps.open != null) {
            openFilesChanged(-ps.open.files.size());
            ps.open.release();
            ps.open = null;
        }
    }

    @Override
    public Map<SourcePartition, Long> checkpoint() {
        ensureOpen();
        long idleNanos = sink.rotation().idleTimeout().toNanos();
        long now = System.nanoTime();
        Map<SourcePartition, Long> held = new HashMap<>();
        for (PartitionState ps : partitions.all()) {
            if (ps.open != null && !ps.open.replaying()) {
                if (now - ps.open.lastAppendNanos >= idleNanos) {
                    close(ps, RotationReason.IDLE);
                } else if (tooOld(ps.open, now)) {
                    close(ps, RotationReason.AGE);
                }
            }
            uploads.retryForgets(ps.partition);
            long oldest = ps.reap();
            if (oldest >= 0) {
                held.put(ps.partition, oldest);
            }
        }
        return held;
    }

    @Override
    public boolean isFull() {
        return buffered.get() > sink.buffering().maxBufferedBytes();
    }

    @Override
    public Map<SourcePartition, Long> release(Collection<SourcePartition> revoked) {
        Map<SourcePartition, Long> held = new HashMap<>();
        // One deadline for all: the rebalance waits for this callback, and the group for the rebalance.
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        for (SourcePartition tp : revoked) {
            PartitionState ps = partitions.remove(tp);
            if (ps == null) {
                continue;
            }
            if (ps.open != null) {
                held.put(tp, ps.open.start);
                drop(ps);
            }
            for (PartitionState.Closing c : ps.closing) {
                if (!Uploads.await(c.done(), Math.max(0, deadline - System.nanoTime()))) {
                    held.merge(tp, c.start(), Math::min);
                }
            }
        }
        return held;
    }

    @Override
    public void discardAll() {
        uploads.cancelStarted();
        for (PartitionState ps : partitions.all()) {
            drop(ps);
            // An upload still running may record a segment end: wait, so the next listing sees it.
            ps.closing.forEach(c -> Uploads.await(c.done(), DISCARD_WAIT.toNanos()));
        }
        partitions.clear();
    }

    @Override
    public void committed(Map<SourcePartition, Long> offsets) {
        offsets.forEach((tp, next) -> {
            PartitionState ps = partitions.get(tp);
            if (ps != null) {
                uploads.forget(tp, ps.forgetRecordedBefore(next));
            }
        });
    }


    @Override
    public void flush() {
        ensureOpen();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (PartitionState ps : partitions.all()) {
            if (ps.open != null) {
                close(ps, RotationReason.FLUSH);
            }
            ps.closing.forEach(c -> all.add(c.done()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
        partitions.all().forEach(PartitionState::reap);
    }

    @Override
    public long pendingRecords() {
        return 0; // bounded by bytes instead: see isFull()
    }


    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(component + " writer is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        partitions.all().forEach(this::drop);
        uploads.close();
        client.close();
    }
}
