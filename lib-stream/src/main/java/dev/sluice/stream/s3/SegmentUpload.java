package dev.sluice.stream.s3;

import dev.sluice.api.source.SourcePartition;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes one closed segment durable, on an upload thread: first the record of where it ends (unless
 * it is a replay of a recorded one), then each file, encoded and streamed to its final key. Each
 * step is retried with exponential backoff for {@link Buffering#retryFor()}; a client error other
 * than throttling (403, 404, ...) is not retried. The segment's memory is given back either way.
 */
final class SegmentUpload implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SegmentUpload.class);

    /** What every upload of one writer shares. */
    record Context(S3Client client, String bucket, String prefix, String table, FileFormat format, FileEncoder encoder,
                   Intents intents, int partSize, Duration retryFor, S3SinkMetrics metrics, String component) {

        String key(SourcePartition tp, FileBuffer file) {
            String dir = table != null ? table : tp.topic();
            return prefix + dir + "/" + (file.directory.isEmpty() ? "" : file.directory + "/")
                    + tp.topic() + "+" + tp.partition() + "+" + String.format("%019d", file.firstOffset) + format.extension();
        }

        Retry retry(AtomicBoolean cancelled) {
            Duration cap = Duration.ofSeconds(5);
            int attempts = (int) Math.max(3, 5 + retryFor.toMillis() / cap.toMillis());
            Retry retry = Retry.of(component, RetryConfig.custom()
                    .maxAttempts(attempts)
                    .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2.0, cap))
                    .retryOnException(e -> !cancelled.get() && !(e instanceof CancellationException) && !isPermanent(e))
                    .build());
            // An outage must be visible without flooding the log: the first retry, then every tenth.
            retry.getEventPublisher().onRetry(e -> {
                if (e.getNumberOfRetryAttempts() == 1 || e.getNumberOfRetryAttempts() % 10 == 0) {
                    log.warn("{}: S3 call failed (attempt {} of {}), retrying in {} ms: {}", component, e.getNumberOfRetryAttempts(), attempts,
                            e.getWaitInterval().toMillis(), String.valueOf(e.getLastThrowable()));
                }
            });
            return retry;
        }

        private static boolean isPermanent(Throwable e) {
            return e instanceof S3Exception s3 && s3.statusCode() >= 400 && s3.statusCode() < 500
                    && s3.statusCode() != 408 && s3.statusCode() != 429;
        }
    }

    private final Context ctx;
    private final Segment segment;
    private final RotationReason reason;
    private final AtomicBoolean cancelled;
    private final Runnable whenDone;

    SegmentUpload(Context ctx, Segment segment, RotationReason reason, AtomicBoolean cancelled, Runnable whenDone) {
        this.ctx = ctx;
        this.segment = segment;
        this.reason = reason;
        this.cancelled = cancelled;
        this.whenDone = whenDone;
    }

    @Override
    public void run() {
        Retry retry = ctx.retry(cancelled);
        try {
            if (!segment.replaying()) {
                step(retry, () -> ctx.intents().record(segment.partition, segment.start, segment.lastOffset));
            }
            for (FileBuffer file : segment.files.values()) {
                upload(retry, file);
            }
            log.debug("{}: {} offsets {}..{} durable ({} files, closed by {})", ctx.component(), segment.partition, segment.start,
                    segment.lastOffset, segment.files.size(), reason.tag());
        } finally {
            segment.release();
            whenDone.run();
        }
    }

    private void upload(Retry retry, FileBuffer file) {
        String key = ctx.key(segment.partition, file);
        long start = System.nanoTime();
        long[] size = new long[1];
        step(retry, () -> {
            MultipartOutputStream out = new MultipartOutputStream(ctx.client(), ctx.bucket(), key, ctx.partSize());
            try {
                ctx.encoder().encode(file, out);
                out.close();
                size[0] = out.written();
            } catch (Exception | Error e) {
                out.abort();
                throw e;
            }
        });
        ctx.metrics().fileWritten(reason, size[0], Duration.ofNanos(System.nanoTime() - start));
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(Retry retry, Step step) {
        try {
            retry.executeCheckedSupplier(() -> {
                if (cancelled.get()) {
                    throw new CancellationException("writer discarded its segments");
                }
                try {
                    step.run();
                } catch (RuntimeException e) {
                    log.debug("{}: S3 call failed: {}", ctx.component(), e.toString());
                    throw e;
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
