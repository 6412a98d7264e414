package dev.sluice.stream.s3;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer's upload threads: runs closed segments' uploads, counts the bytes they hold until they
 * are done, and can cancel the uploads of a generation (a discard) so they stop at their next S3 call.
 */
final class Uploads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);

    private final SegmentUpload.Context context;
    private final Intents intents;
    private final ExecutorService threads;
    private final AtomicLong closingBytes = new AtomicLong();
    private AtomicBoolean cancelled = new AtomicBoolean();

    Uploads(SegmentUpload.Context context, Intents intents, int threadCount, String name) {
        this.context = context;
        this.intents = intents;
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts making {@code segment} durable; the future completes when it is, or fails when it gave up. */
    CompletableFuture<Void> submit(Segment segment, RotationReason reason) {
        long bytes = segment.bytes;
        closingBytes.addAndGet(bytes);
        return CompletableFuture.runAsync(new SegmentUpload(context, segment, reason, cancelled, () -> closingBytes.addAndGet(-bytes)), threads);
    }

    /** Bytes of segments closed but not yet durable. */
    long closingBytes() {
        return closingBytes.get();
    }

    /** Makes every upload started so far stop at its next S3 call; later ones are not affected. */
    void cancelStarted() {
        cancelled.set(true);
        cancelled = new AtomicBoolean();
    }

    /** Deletes the records of segments whose offsets are committed, in the background (best effort). */
    void forget(TopicPartition tp, List<Long> starts) {
        if (starts.isEmpty()) {
            return;
        }
        threads.execute(() -> {
            try {
                intents.forget(tp, starts);
            } catch (RuntimeException e) {
                log.debug("{}: could not delete {} segment records of {} (harmless; retried later): {}", context.component(), starts.size(), tp,
                        e.toString());
            }
        });
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
