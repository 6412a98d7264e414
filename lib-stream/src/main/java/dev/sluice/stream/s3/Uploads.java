package dev.sluice.stream.s3;

import dev.sluice.api.source.SourcePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer's upload threads: runs closed segments' uploads, counts the bytes they hold until they
 * are done, and can cancel the uploads of a generation (a discard) so they stop at their next S3 call.
 */
final class Uploads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final long FORGET_RETRY_NANOS = 2_000_000_000L;

    private final SegmentUpload.Context context;
    private final Intents intents;
    private final ExecutorService threads;
    private final AtomicLong closingBytes = new AtomicLong();
    private AtomicBoolean cancelled = new AtomicBoolean();
    /** Segment records whose delete failed, per partition; see {@link #retryForgets}. */
    private final Map<SourcePartition, Set<Long>> unforgotten = new ConcurrentHashMap<>();
    private volatile long lastForgetFailure;

    Uploads(SegmentUpload.Context context, Intents intents, int threadCount, String name) {
        this.context = context;
        this.intents = intents;
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on an upload thread, ahead of the uploads submitted after it; a failure is logged, not thrown. */
    void prepare(String what, Callable<?> task) {
        threads.execute(() -> {
            try {
                task.call();
            } catch (Exception | LinkageError e) { // a codec's native library that does not load: the first file says it again
                log.debug("{}: {} failed: {}", context.component(), what, e.toString());
            }
        });
    }

    /** Starts making {@code segment} durable; the future completes when it is, or fails when it gave up. */
    CompletableFuture<Void> submit(Segment segment, RotationReason reason) {
        // Counted as the budget counts it (chunk capacity): in record bytes, the memory rule would see
        // closing segments' spare capacity as open data and close every new segment after one record.
        long bytes = segment.allocatedBytes();
        closingBytes.addAndGet(bytes);
        return CompletableFuture.runAsync(new SegmentUpload(context, segment, reason, cancelled, () -> closingBytes.addAndGet(-bytes)), threads);
    }

    /** Budget bytes of segments closed but not yet durable. */
    long closingBytes() {
        return closingBytes.get();
    }

    /** Makes every upload started so far stop at its next S3 call; later ones are not affected. */
    void cancelStarted() {
        cancelled.set(true);
        cancelled = new AtomicBoolean();
    }

    /**
     * Deletes the records of segments whose offsets are committed, in the background. A delete that
     * fails (S3 down) is kept and tried again by {@link #retryForgets} at a later checkpoint, so the
     * records go while the partition stays assigned, not only when it is next opened.
     */
    void forget(SourcePartition tp, List<Long> starts) {
        if (starts.isEmpty()) {
            return;
        }
        threads.execute(() -> {
            try {
                intents.forget(tp, starts);
            } catch (RuntimeException e) {
                unforgotten.computeIfAbsent(tp, k -> new ConcurrentSkipListSet<>()).addAll(starts);
                lastForgetFailure = System.nanoTime();
                log.debug("{}: could not delete {} segment records of {} (retried at a later checkpoint): {}", context.component(),
                        starts.size(), tp, e.toString());
            }
        });
    }

    /** Tries again the deletes of {@code tp} that failed, at most once every {@link #FORGET_RETRY_NANOS}. */
    void retryForgets(SourcePartition tp) {
        Set<Long> failed = unforgotten.get(tp);
        if (failed == null || failed.isEmpty() || System.nanoTime() - lastForgetFailure < FORGET_RETRY_NANOS) {
            return;
        }
        List<Long> starts = new ArrayList<>(failed);
        failed.removeAll(starts);
        forget(tp, starts);
    }

    /** Waits up to {@code nanos} for an upload; false when it failed or did not finish. */
    static boolean await(CompletableFuture<Void> f, long nanos) {
        try {
            f.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        cancelStarted();
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
