package dev.sluice.stream.elastic;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.DataException;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.error.Stage;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.stream.io.GrowableBytes;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.IndexedRecord;

/**
 * An {@link ElasticSink} writer: records become actions of the bulk being built; full bulks are
 * sent asynchronously ({@link Bulking}); {@link #flush} sends the rest, waits for every answer,
 * then hands each document the cluster refused to the sink-stage policy (dead letter by default)
 * on this thread. Only after that do the runtime's commits cover these records.
 *
 * <p>When a bulk cannot be delivered within its retries (the cluster is down, or keeps refusing for
 * load) no further bulk is sent; the next flush fails with a {@link RetriableException}, dropping
 * everything unacknowledged, and the runtime opens its circuit breaker and later reads those
 * records again from its last commit. A failure no retry helps (401, 403, a refused request) fails
 * the flush with a {@link PipelineException}.
 */
final class ElasticSinkWriter<T extends IndexedRecord> implements SinkWriter<T>, BulkAttempts.Outcomes {

    private record Refused(Envelope<?> record, BulkResponse.ItemOutcome outcome) {}

    private final ElasticSink<T> sink;
    private final FailureHandler failures;
    private final PipelineListener metrics;
    private final String component;
    private final ElasticHttp http;
    private final IndexNaming.Resolver indices;
    private final DocumentEncoder encoder = new DocumentEncoder();
    private final Retry retry;
    private final ScheduledExecutorService retries;
    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private final Queue<Refused> refused = new ConcurrentLinkedQueue<>();
    private final AtomicReference<RuntimeException> failed = new AtomicReference<>();
    private final AtomicLong pending = new AtomicLong();
    private BulkRequest current;
    private boolean closed;

    ElasticSinkWriter(ElasticSink<T> sink, SinkContext context) {
        this.sink = sink;
        this.failures = context.failures();
        this.metrics = context.metrics();
        this.component = "elastic-sink:" + sink.naming().searchPattern();
        this.http = new ElasticHttp(sink.connection());
        this.indices = sink.naming().resolver();
        Bulking b = sink.bulking();
        this.retry = Retry.of(component, RetryConfig.<BulkAttempts>custom()
                .maxAttempts(b.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(b.initialBackoff(), 2.0, 0.5, b.maxBackoff()))
                .retryOnResult(BulkAttempts::isUnfinished)
                .retryOnException(BulkAttempts::isTransient)
                .failAfterMaxAttempts(false)
                .build());
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, component + "-retries-" + context.subtask());
            t.setDaemon(true);
            return t;
        });
        IndexSetup.prepare(http, sink.naming(), ElasticMapping.of(sink.schema(), sink.textFields()));
    }

    @Override
    public void write(Envelope<T> record) {
        if (closed) {
            throw new IllegalStateException(component + " writer is closed");
        }
        if (record == null) {
            throw new NullPointerException("record must not be null");
        }
        String id;
        try {
            id = sink.ids().idFor(record);
        } catch (DataException e) {
            failures.concludeRetried(Stage.SINK, component, record, new DataException(component + ": " + e.getMessage(), e.reason(), null));
            return;
        }
        if (current == null) {
            current = new BulkRequest();
        }
        try {
            append(record, id);
        } catch (RuntimeException e) {
            if (!failures.recover(Stage.SINK, component, record, e, () -> append(record, id)).succeeded()) {
                return;
            }
        }
        pending.incrementAndGet();
        Bulking b = sink.bulking();
        if (current.size() >= b.maxRecords() || current.bytes() >= b.maxBytes() || current.ageNanos() >= b.linger().toNanos()) {
            dispatch();
        }
    }

    /** Adds the record's action (and document) to the current bulk; leaves the bulk as it was if encoding fails. */
    private Void append(Envelope<T> record, String id) {
        GrowableBytes body = current.body();
        int start = body.size();
        boolean delete = record.value() == null;
        try {
            encoder.writeAction(delete ? "delete" : "index", indices.indexFor(record), id, body);
            body.write('\n');
            if (!delete) {
                encoder.write(record.value(), body);
                body.write('\n');
            }
        } catch (RuntimeException e) {
            body.truncate(start);
            throw e;
        }
        current.added(record, delete, start);
        return null;
    }

    /** Sends the current bulk, first waiting while {@code maxInFlight} are unanswered. After a failure, sends nothing. */
    private void dispatch() {
        if (current == null || current.size() == 0 || failed.get() != null) {
            return;
        }
        while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
            inFlight.pollFirst();
        }
        while (inFlight.size() >= sink.bulking().maxInFlight()) {
            await(inFlight.pollFirst());
        }
        BulkRequest bulk = current;
        current = null;
        BulkAttempts attempts = new BulkAttempts(bulk, this, component);
        long start = System.nanoTime();
        inFlight.addLast(retry.executeCompletionStage(retries, () -> attempts.send(http)).toCompletableFuture()
                .handle((done, e) -> concluded(attempts, e, start)));
    }

    /** Records how a bulk's sends ended (on the HTTP client's or the retry thread): a failure stops further bulks until the next flush. */
    private Void concluded(BulkAttempts attempts, Throwable e, long start) {
        metrics.onLatency(component + ":bulk", System.nanoTime() - start);
        if (e != null) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            failed.compareAndSet(null, BulkAttempts.isTransient(cause)
                    ? new RetriableException(component + ": _bulk failed after " + attempts.attempts() + " attempts: " + cause, cause)
                    : cause instanceof PipelineException p ? p : new PipelineException(component + ": _bulk failed: " + cause, cause));
        } else if (attempts.isUnfinished()) {
            failed.compareAndSet(null, new RetriableException(component + ": " + attempts.unfinished()
                    + " documents still refused for load after " + attempts.attempts() + " attempts"));
        }
        return null;
    }

    @Override
    public void flush() {
        if (closed) {
            throw new IllegalStateException(component + " writer is closed");
        }
        long start = System.nanoTime();
        dispatch();
        while (!inFlight.isEmpty()) {
            await(inFlight.pollFirst());
        }
        RuntimeException failure = failed.getAndSet(null);
        if (failure != null) {
            // Everything unacknowledged will be read again from the last commit: refusals included.
            current = null;
            refused.clear();
            pending.set(0);
            throw failure;
        }
        for (Refused r; (r = refused.poll()) != null; ) {
            failures.concludeRetried(Stage.SINK, component, r.record(), new DataException(component + ": the cluster refused the document: "
                    + r.outcome().describe(), r.outcome().reasonCode(), null));
        }
        metrics.onLatency(component + ":flush", System.nanoTime() - start);
    }

    private void await(CompletableFuture<Void> bulk) {
        try {
            bulk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException(component + ": interrupted while waiting for a bulk", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(component + ": a bulk's outcome was not recorded", e.getCause()); // handle() never fails
        }
    }

    /** Records written and not yet acknowledged or refused. */
    @Override
    public long pendingRecords() {
        return pending.get();
    }

    @Override
    public void indexed(int count) {
        pending.addAndGet(-count);
        metrics.onRecordsOut(component, count);
    }

    @Override
    public void refused(BulkRequest.Item item, BulkResponse.ItemOutcome outcome) {
        pending.decrementAndGet();
        refused.add(new Refused(item.record(), outcome));
    }

    @Override
    public void retrying(BulkRequest.Item item, BulkResponse.ItemOutcome outcome, int attempt) {
        metrics.onFailure(Failure.of(item.record(), Stage.SINK, component,
                new RetriableException(component + ": refused for load: " + outcome.describe(), outcome.reasonCode(), null), attempt), Decision.RETRY);
    }

    /** Drops what is unsent and stops the retry thread; answers still due are ignored. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        current = null;
        retries.shutdownNow();
    }
}
