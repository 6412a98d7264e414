package dev.sluice.stream;

import dev.sluice.api.Transform;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.TransactionalSink;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceReader;
import dev.sluice.api.source.TransactionalSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream runtime: reads a {@link Source} (a Kafka consumer group, or any source whose readers
 * can pause and rewind), runs a chain of {@link Transform}s, and writes to one or more sinks, with a
 * chosen {@link Delivery} guarantee, dead letters by policy, backpressure, a circuit breaker for
 * failing sinks, and graceful shutdown. Embed it in any Java application:
 *
 * <!-- examples/src/main/java/dev/sluice/examples/javadoc/EmbeddedPipeline.java#snippet -->
 * <pre>{@code
 * try (KafkaDeadLetterSink dlq = DeadLetterTopic.named("orders-dlq")
 *              .withBootstrapServers(bootstrap)
 *              .withPipeline("orders")
 *              .open();
 *      StreamPipeline<Order, Order> pipeline = StreamPipeline.builder("orders", source)
 *              .via(new ValidateOrder())
 *              .deadLetters(dlq)
 *              .config(StreamConfig.defaults().withWorkers(4))
 *              .to(valid)) {
 *     pipeline.start();   // returns at once; isHealthy() and lastError() for probes
 *     stop.await();       // close(), then: drain, flush, commit, leave the group
 * }
 * }</pre>
 *
 * <p><b>Scaling and order.</b> Each of the {@code workers} threads is its own consumer-group member
 * with its own transform instance and sink writers, so processes and threads scale the same way:
 * up to the number of partitions. A partition is owned by one worker at a time and its records are
 * transformed and written in offset order. There is no order across partitions. After a rebalance,
 * a sink failure or a crash, the records since the partition's last commit are processed again, in
 * order (under exactly-once their earlier outputs were aborted, so readers see them once).
 *
 * <p><b>Memory.</b> Per worker at most: the consumer's prefetch ({@code fetch.max.bytes}, default
 * 50 MB, and {@code max.poll.records} per poll), plus {@code maxPendingRecords} unacknowledged output
 * records (the producer's {@code buffer.memory}, default 32 MB, caps their bytes). Above
 * {@code maxPendingRecords} the worker pauses its partitions until half have been acknowledged.
 *
 * <p><b>Failures.</b> Decode and transform failures follow the {@link ErrorPolicies} (dead letter by
 * default). A transient sink failure opens a circuit breaker: the worker rewinds to its last commit,
 * pauses for {@link StreamConfig#breakerOpenFor()} and tries again, so good records are never
 * dead-lettered because a sink is down; {@link #isHealthy()} is false meanwhile. Any other failure
 * (a policy of FAIL, a fenced producer) stops the pipeline; {@link #lastError()} says why.
 */
public final class StreamPipeline<I, O> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamPipeline.class);

    /** Everything a worker needs; immutable. */
    record Plan<I, O>(String name, Source<I> source, Transform<I, ?> transform, List<Sink<O>> sinks,
                      DeadLetterSink deadLetters, ErrorPolicies policies, PipelineListener listener, StreamConfig config) {}

    private final Plan<I, O> plan;
    private final Coordinator coordinator;
    private final List<Thread> threads = new ArrayList<>();
    private final List<CircuitBreaker> breakers = new ArrayList<>();

    private StreamPipeline(Plan<I, O> plan) {
        this.plan = plan;
        this.coordinator = new Coordinator(plan.name(), plan.config().workers(), plan.listener());
    }

    /** Starts a pipeline description reading {@code source}. */
    public static <I> StreamPipelineBuilder<I, I> builder(String name, Source<I> source) {
        return new StreamPipelineBuilder<>(name, source);
    }

    static <I, O> StreamPipeline<I, O> create(String name, Source<I> source, Transform<I, O> transform, List<Sink<O>> sinks,
                                              DeadLetterSink deadLetters, ErrorPolicies policies, PipelineListener listener, StreamConfig config) {
        List<Sink<O>> prepared = new ArrayList<>(sinks);
        if (config.delivery() == Delivery.EXACTLY_ONCE) {
            if (prepared.size() != 1 || !(prepared.get(0) instanceof TransactionalSink<O> transactional)) {
                throw new IllegalArgumentException("exactly-once needs exactly one sink and it must be transactional, such as a KafkaSink "
                        + "(outputs and offsets commit in one Kafka transaction); got " + prepared.size() + " sink(s). Sinks that are "
                        + "exactly-once by themselves, such as the S3 sink, run under AT_LEAST_ONCE");
            }
            if (!(source instanceof TransactionalSource<I> ts) || !ts.readsCommittedOnly()) {
                throw new IllegalArgumentException("exactly-once needs a transactional source that reads committed records only "
                        + "(a KafkaSource with readCommitted=true)");
            }
            prepared.set(0, transactional.forTransactions(config.instanceId() != null ? config.instanceId() : name));
        }
        return new StreamPipeline<>(new Plan<>(name, source, transform, List.copyOf(prepared), deadLetters, policies, listener, config));
    }

    /** Starts the workers. Returns at once; call {@link #close()} to stop. */
    public synchronized void start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("pipeline " + plan.name() + " already started");
        }
        FailureHandler failures = new FailureHandler(plan.name(), plan.policies(), plan.deadLetters(), plan.listener());
        for (int i = 0; i < plan.config().workers(); i++) {
            CircuitBreaker breaker = CircuitBreaker.of(plan.name() + "-sink-" + i, CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(1).minimumNumberOfCalls(1).failureRateThreshold(100)
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .waitDurationInOpenState(plan.config().breakerOpenFor())
                    .build());
            breakers.add(breaker);
            Thread t = new Thread(new StreamWorker<>(i, plan, failures, breaker, coordinator), plan.name() + "-worker-" + i);
            threads.add(t);
            t.start();
        }
        log.info("Pipeline {} started: {} worker(s), {}", plan.name(), plan.config().workers(), plan.config().delivery());
    }

    /** True from {@link #start()} until {@link #close()} or a failure stopped it; a sink circuit open for a while does not stop it. */
    public boolean isRunning() {
        return coordinator.running() && !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
    }

    /** True while every worker runs and no sink circuit is open. */
    public boolean isHealthy() {
        return coordinator.running() && coordinator.error() == null && threads.stream().allMatch(Thread::isAlive)
                && breakers.stream().allMatch(b -> b.getState() == CircuitBreaker.State.CLOSED);
    }

    /** The failure that stopped the pipeline, or else the last sink failure; empty when none. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(coordinator.error() != null ? coordinator.error() : coordinator.lastSinkError());
    }

    /** The datasets read and written, for lineage. */
    public PipelineGraph graph() {
        return graph(plan.name(), plan.source(), plan.sinks(), plan.deadLetters());
    }

    /**
     * A pipeline's graph from its parts, without building it: the source's datasets in; every
     * sink's and the dead-letter sink's datasets out (for a lineage tool that starts nothing).
     */
    public static PipelineGraph graph(String name, Source<?> source, List<? extends Sink<?>> sinks, DeadLetterSink deadLetters) {
        List<LineageDataset> outputs = new ArrayList<>();
        sinks.forEach(s -> outputs.addAll(s.datasets()));
        outputs.addAll(deadLetters.datasets());
        return PipelineGraph.of(name, source.datasets(), outputs);
    }

    public String name() {
        return plan.name();
    }

    /**
     * Blocks until every worker stopped by itself (a failure) or {@code timeout} passed.
     *
     * @return true if all workers stopped
     */
    public boolean awaitTermination(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            t.join(Math.max(1, left / 1_000_000));
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /**
     * Graceful shutdown: stop polling, finish the batch in hand, flush, commit, leave the group,
     * all within {@link StreamConfig#shutdownTimeout()}. A worker that misses the deadline is woken
     * out of its poll and abandoned; what it had not committed is read again on restart.
     */
    @Override
    public void close() {
        coordinator.stop();
        try {
            if (!awaitTermination(plan.config().shutdownTimeout())) {
                log.warn("Pipeline {}: workers did not stop within {}; waking them", plan.name(), plan.config().shutdownTimeout());
                coordinator.wakeAll();
                awaitTermination(java.time.Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Pipeline {} stopped", plan.name());
    }

    /** Shared state of the workers: the stop flag, the first fatal error, paused partitions. */
    static final class Coordinator {
        private final String name;
        private final PipelineListener listener;
        private final AtomicReferenceArray<SourceReader<?>> readers;
        private final int[] paused;
        private volatile boolean running = true;
        private volatile Throwable error;
        private volatile Throwable lastSinkError;

        Coordinator(String name, int workers, PipelineListener listener) {
            this.name = name;
            this.listener = listener;
            this.readers = new AtomicReferenceArray<>(workers);
            this.paused = new int[workers];
        }

        boolean running() {
            return running;
        }

        void stop() {
            running = false;
        }

        Throwable error() {
            return error;
        }

        Throwable lastSinkError() {
            return lastSinkError;
        }

        void register(int worker, SourceReader<?> reader) {
            readers.set(worker, reader);
        }

        void failed(int worker, Throwable t) {
            log.error("Pipeline {} worker {} failed; stopping the pipeline", name, worker, t);
            if (error == null) {
                error = t;
            }
            running = false;
        }

        void sinkFailed(int worker, Throwable t) {
            lastSinkError = t;
        }

        synchronized void paused(int worker, int partitions) {
            paused[worker] = partitions;
            listener.onPaused(Arrays.stream(paused).sum());
        }

        void wakeAll() {
            for (int i = 0; i < readers.length(); i++) {
                SourceReader<?> r = readers.get(i);
                if (r != null) {
                    r.wakeup();
                }
            }
        }
    }
}
