package dev.sluice.stream;

import dev.sluice.core.Envelope;
import dev.sluice.core.Position;
import dev.sluice.core.Transform;
import dev.sluice.core.TransformContext;
import dev.sluice.core.TransformRunner;
import dev.sluice.core.error.FailureHandler;
import dev.sluice.core.kafka.KafkaSinkWriter;
import dev.sluice.core.kafka.KafkaSource;
import dev.sluice.core.kafka.KafkaSourceReader;
import dev.sluice.core.sink.Sink;
import dev.sluice.core.sink.SinkContext;
import dev.sluice.core.sink.SinkWriter;
import dev.sluice.core.source.SourceContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread of a {@link StreamPipeline}: its own consumer-group member, transform instance
 * and sink writers. Loop: poll, transform, write (asynchronously), pause when too much is
 * unacknowledged, and every commit interval flush and commit. A partition belongs to one worker
 * at a time, so its records are processed and written in offset order.
 */
final class StreamWorker<I, O> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StreamWorker.class);

    private final int index;
    private final StreamPipeline.Plan<I, O> plan;
    private final FailureHandler failures;
    private final CircuitBreaker breaker;
    private final StreamPipeline.Coordinator coordinator;
    private final List<Position> uncommitted = new ArrayList<>();

    private KafkaSourceReader<I> reader;
    private TransformRunner<I, O> runner;
    private final List<SinkWriter<O>> writers = new ArrayList<>();
    private final Retention retention = new Retention();
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
            commit("shutdown", Map.of());
        } catch (WakeupException e) {
            log.warn("{} worker {}: woken up at the shutdown deadline; uncommitted records will be read again", plan.name(), index);
        } catch (Throwable t) {
            coordinator.failed(index, t);
        } finally {
            closeAll();
        }
    }

    private void open() {
        KafkaSource<I> source = plan.source();
        if (plan.config().instanceId() != null && !source.properties().containsKey("group.instance.id")) {
            // Static membership: a restarted process takes its partitions back without a rebalance.
            source = source.withProperty("group.instance.id", plan.config().instanceId() + "-" + index);
        }
        reader = source.createReader(new SourceContext(failures));
        coordinator.register(index, reader);
        reader.beforeRevoke(this::revoke);
        @SuppressWarnings("unchecked")
        Transform<I, O> transform = (Transform<I, O>) plan.transform();
        runner = TransformRunner.open(transform, new TransformContext(plan.name(), "transform", index), failures);
        for (Sink<O> sink : plan.sinks()) {
            SinkWriter<O> writer = sink.createWriter(new SinkContext(failures, index));
            writers.add(writer);
            retention.add(writer);
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
            commit("interval", Map.of());
        } else if (batch.isEmpty() && !uncommitted.isEmpty()) {
            // The input went quiet: commit now rather than hold finished work (and, under
            // exactly-once, its outputs' visibility) until the interval ends.
            commit("idle", Map.of());
        }
    }

    /**
     * Commits what is durable before partitions leave. Positions of theirs that a writer still held
     * are forgotten: the next owner reads those records again from the commit.
     */
    private void revoke(Set<TopicPartition> partitions) {
        commit("rebalance", retention.release(partitions));
        uncommitted.removeIf(p -> p instanceof Position.Kafka k && partitions.contains(new TopicPartition(k.topic(), k.partition())));
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
    void commit(String why, Map<TopicPartition, Long> held) {
        long start = System.nanoTime();
        try {
            if (plan.config().delivery() == Delivery.EXACTLY_ONCE) {
                commitTransaction();
                uncommitted.clear();
            } else {
                commitAtLeastOnce(why.equals("shutdown"), held);
            }
            lastCommit = System.nanoTime();
            if (breaker.getState() != CircuitBreaker.State.CLOSED) {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            if (!Transience.isTransient(e)) {
                throw e;
            }
            openBreaker(why, e, start);
        }
    }

    private void commitAtLeastOnce(boolean flushAll, Map<TopicPartition, Long> held) {
        for (SinkWriter<O> w : writers) {
            if (flushAll || !retention.isRetaining(w)) {
                w.flush();
            }
        }
        Map<TopicPartition, Long> limits = new HashMap<>(held);
        retention.checkpoint().forEach((tp, o) -> limits.merge(tp, o, Math::min));
        plan.deadLetters().flush();
        retention.committed(reader.commitOffsets(Retention.split(uncommitted, limits)));
    }

    private void commitTransaction() {
        plan.deadLetters().flush();
        Map<TopicPartition, OffsetAndMetadata> offsets = reader.offsetsFor(uncommitted);
        if (offsets.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        ((KafkaSinkWriter<O>) writers.get(0)).commitTransaction(offsets, reader.consumer().groupMetadata());
        reader.markCommitted(offsets);
        failures.listener().onCommit(offsets.size(), Duration.ofNanos(System.nanoTime() - start));
    }

    private void openBreaker(String why, RuntimeException e, long start) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        coordinator.sinkFailed(index, e);
        log.warn("{} worker {}: sink failed during {} commit; pausing for {} and re-reading from the last commit: {}",
                plan.name(), index, why, plan.config().breakerOpenFor(), e.toString());
        if (plan.config().delivery() == Delivery.EXACTLY_ONCE) {
            ((KafkaSinkWriter<O>) writers.get(0)).abortTransaction();
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
        reader.consumer().pause(reader.assignment());
        coordinator.paused(index, reader.consumer().paused().size());
    }

    private void resume() {
        reader.consumer().resume(reader.consumer().paused());
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
