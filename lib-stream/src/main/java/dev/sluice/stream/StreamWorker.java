package dev.sluice.stream;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.Transform;
import dev.sluice.api.TransformContext;
import dev.sluice.api.TransformRunner;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.api.sink.TransactionalSinkWriter;
import dev.sluice.api.source.ReaderWokenUpException;
import dev.sluice.api.source.SourceCommit;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourcePartition;
import dev.sluice.api.source.SourceReader;
import dev.sluice.api.source.TransactionalSourceReader;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread of a {@link StreamPipeline}: its own source reader (a consumer-group member),
 * transform instance and sink writers. Loop: poll, transform, write (asynchronously), pause when too
 * much is unacknowledged, and every commit interval flush and commit. A partition belongs to one
 * worker at a time, so its records are processed and written in offset order. It knows the reader
 * and the writers only through the API's contracts; exactly-once needs a
 * {@link TransactionalSourceReader} and one {@link TransactionalSinkWriter}, checked by the pipeline.
 */
final class StreamWorker<I, O> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StreamWorker.class);

    private final int index;
    private final StreamPipeline.Plan<I, O> plan;
    private final FailureHandler failures;
    private final CircuitBreaker breaker;
    private final StreamPipeline.Coordinator coordinator;
    private final List<Position> uncommitted = new ArrayList<>();

    private SourceReader<I> reader;
    private TransactionalSourceReader<I> transactionalReader;
    private TransactionalSinkWriter<O> transactionalWriter;
    private TransformRunner<I, O> runner;
    private final List<SinkWriter<O>> writers = new ArrayList<>();
    private final RetainingWriters retention = new RetainingWriters();
    private boolean backpressurePaused;
    private boolean breakerPaused;
    private long lastCommit = System.nanoTime();

    StreamWorker(int index, StreamPipeline.Plan<I, O> plan, FailureHandler failures, CircuitBreaker breaker,
                 StreamPipeline.Coordinator coordinator) {
        this.index = index;
        this.plan = plan;
        this.failures = failures;
        this.breaker = breaker;
        this.coordinator = coordinator;
    }

    @Override
    public void run() {
        try {
            open();
            while (coordinator.running()) {
                step();
            }
            commit(CommitReason.SHUTDOWN, Map.of());
        } catch (ReaderWokenUpException e) {
            log.warn("{} worker {}: woken up at the shutdown deadline; uncommitted records will be read again", plan.name(), index);
        } catch (Throwable t) {
            coordinator.failed(index, t);
        } finally {
            closeAll();
        }
    }

    @SuppressWarnings("unchecked")
    private void open() {
        // A stable member name: a restarted process takes its partitions back without a rebalance.
        String member = plan.config().instanceId() == null ? null : plan.config().instanceId() + "-" + index;
        reader = plan.source().createReader(new SourceContext(failures, plan.listener(), this::revoke, member));
        coordinator.register(index, reader);
        @SuppressWarnings("unchecked")
        Transform<I, O> transform = (Transform<I, O>) plan.transform();
        runner = TransformRunner.open(transform, new TransformContext(plan.name(), "transform", index), failures, plan.listener());
        for (Sink<O> sink : plan.sinks()) {
            SinkWriter<O> writer = sink.createWriter(new SinkContext(failures, plan.listener(), index));
            writers.add(writer);
            retention.add(writer);
        }
        if (plan.config().delivery() == Delivery.EXACTLY_ONCE) {
            transactionalReader = (TransactionalSourceReader<I>) reader;
            transactionalWriter = (TransactionalSinkWriter<O>) writers.get(0);
        }
    }

    private void step() {
        if (breakerPaused && !tryClose()) {
            reader.poll(plan.config().pollTimeout()); // paused: keeps the membership alive, returns nothing
            return;
        }
        List<Envelope<I>> batch = reader.poll(plan.config().pollTimeout());
        for (Envelope<I> in : batch) {
            runner.process(in, this::write);
            uncommitted.add(in.position());
        }
        applyBackpressure();
        if (System.nanoTime() - lastCommit >= plan.config().commitInterval().toNanos()) {
            commit(CommitReason.INTERVAL, Map.of());
        } else if (batch.isEmpty() && !uncommitted.isEmpty()) {
            // The input went quiet: commit now rather than hold finished work (and, under
            // exactly-once, its outputs' visibility) until the interval ends.
            commit(CommitReason.IDLE, Map.of());
        }
    }

    /**
     * Commits what is durable before partitions leave. Positions of theirs that a writer still held
     * are forgotten: the next owner reads those records again from the commit.
     */
    private void revoke(Set<SourcePartition> partitions) {
        commit(CommitReason.REBALANCE, retention.release(partitions));
        uncommitted.removeIf(p -> p instanceof Position.Offset o && partitions.contains(o.sourcePartition()));
    }

    private void write(Envelope<O> out) {
        for (SinkWriter<O> w : writers) {
            w.write(out);
        }
    }

    /**
     * Pauses every owned partition while more than maxPendingRecords are unacknowledged or a
     * retaining writer is at its memory bound; resumes below half and when none is full.
     */
    private void applyBackpressure() {
        long pending = 0;
        for (SinkWriter<O> w : writers) {
            pending += w.pendingRecords();
        }
        long max = plan.config().maxPendingRecords();
        boolean full = retention.isFull();
        if (!backpressurePaused && (pending > max || full)) {
            pause();
            backpressurePaused = true;
        } else if (backpressurePaused && pending <= max / 2 && !full) {
            resume();
            backpressurePaused = false;
        }
    }

    /**
     * Flushes every sink and the dead letters, then commits the positions processed since the last
     * commit: with the consumer (at-least-once) or inside the sink's transaction (exactly-once).
     * A transient sink failure opens the circuit: the transaction is aborted, the partitions rewound
     * to the last commit and paused, so nothing is lost and good records are not dead-lettered.
     * Writers that keep records across commits (files being built) are asked what they still hold
     * instead of being flushed, except at shutdown; positions at or past that wait for a later commit.
     *
     * @param held offsets not to commit at or past, per partition, beyond what the writers report
     */
    void commit(CommitReason why, Map<SourcePartition, Long> held) {
        long start = System.nanoTime();
        try {
            if (transactionalWriter != null) {
                commitTransaction();
                uncommitted.clear();
            } else {
                commitAtLeastOnce(why == CommitReason.SHUTDOWN, held);
            }
            lastCommit = System.nanoTime();
            if (breaker.getState() != CircuitBreaker.State.CLOSED) {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            if (!RetriableException.isCauseOf(e)) {
                throw e;
            }
            openBreaker(why, e, start);
        }
    }

    private void commitAtLeastOnce(boolean flushAll, Map<SourcePartition, Long> held) {
        for (SinkWriter<O> w : writers) {
            if (flushAll || !retention.isRetaining(w)) {
                w.flush();
            }
        }
        Map<SourcePartition, Long> limits = new HashMap<>(held);
        retention.checkpoint().forEach((tp, o) -> limits.merge(tp, o, Math::min));
        plan.deadLetters().flush();
        List<Position> committing = RetainingWriters.split(uncommitted, limits);
        reader.commit(committing);
        retention.committed(committing);
    }

    private void commitTransaction() {
        plan.deadLetters().flush();
        Optional<SourceCommit> prepared = transactionalReader.prepareCommit(uncommitted);
        if (prepared.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        transactionalWriter.commit(prepared.get());
        transactionalReader.committed(prepared.get());
        plan.listener().onCommit(prepared.get().partitions(), Duration.ofNanos(System.nanoTime() - start));
    }

    private void openBreaker(CommitReason why, RuntimeException e, long start) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        coordinator.sinkFailed(index, e);
        log.warn("{} worker {}: sink failed during {} commit; pausing for {} and re-reading from the last commit: {}",
                plan.name(), index, why.tag(), plan.config().breakerOpenFor(), e.toString());
        if (transactionalWriter != null) {
            transactionalWriter.abort();
        }
        reader.rewind();
        retention.discardAll();
        uncommitted.clear();
        pause();
        breakerPaused = true;
    }

    /** After the breaker's open period, resumes to probe the sink; the next commit decides. */
    private boolean tryClose() {
        if (!breaker.tryAcquirePermission()) {
            return false;
        }
        breakerPaused = false;
        if (!backpressurePaused) {
            resume();
        }
        log.info("{} worker {}: resuming after the sink failure", plan.name(), index);
        return true;
    }

    private void pause() {
        reader.pause();
        coordinator.paused(index, reader.pausedPartitions());
    }

    private void resume() {
        reader.resume();
        coordinator.paused(index, 0);
    }

    /** The reader first: leaving the group revokes its partitions, and the revoke commit needs the writers. */
    private void closeAll() {
        List<AutoCloseable> all = new ArrayList<>();
        if (reader != null) {
            all.add(reader);
        }
        if (runner != null) {
            all.add(runner);
        }
        all.addAll(writers);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("{} worker {}: close failed: {}", plan.name(), index, e.toString());
            }
        }
    }
}
