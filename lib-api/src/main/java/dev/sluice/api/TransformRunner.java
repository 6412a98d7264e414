package dev.sluice.api;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.Stage;
import dev.sluice.api.metrics.MetricGroup;
import dev.sluice.api.metrics.PipelineListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Drives one {@link Transform} instance under its error policy: the one seam both runtimes use.
 * The stream runtime calls {@link #process} from its poll loop; Spark calls
 * {@link #processPartition} inside {@code mapPartitions}.
 *
 * <p>Outputs of one input are buffered until {@code apply} returns, then handed on. A record that
 * fails therefore emits nothing, and a retried record never emits twice. Failures go to the
 * {@link FailureHandler} (retry, dead letter, skip and count, or fail).
 *
 * <p>Not thread-safe: one runner per worker thread or Spark task, like the transform it holds.
 * The transform is opened when the runner is created and closed by {@link #close()}.
 */
@Public
public final class TransformRunner<I, O> implements AutoCloseable {

    private final Transform<I, O> transform;
    private final String name;
    private final FailureHandler failures;
    private final PipelineListener metrics;
    private final boolean timed;
    private final List<Envelope<O>> buffer = new ArrayList<>();
    private final Emitter<O> collect = e -> buffer.add(Require.nonNull(e, "emitted envelope"));
    private boolean closed;

    private TransformRunner(Transform<I, O> transform, TransformContext context, FailureHandler failures, PipelineListener metrics) {
        this.transform = Require.nonNull(transform, "transform");
        this.name = Require.nonNull(context, "context").name();
        this.failures = Require.nonNull(failures, "failures");
        this.metrics = Require.nonNull(metrics, "metrics");
        this.timed = metrics != PipelineListener.noop(); // no clock reads when nobody listens (Spark tasks)
    }

    /**
     * Opens {@code transform} with {@code context} and returns a runner for it. A context without a
     * metric group of its own is given {@code metrics}' {@link PipelineListener#metricGroup()}, so
     * a transform's own metrics land where the runtime's do.
     *
     * @param failures applies the transform stage's policy to records that fail
     * @param metrics  receives the transform's counts and latency, apart from the policy
     */
    public static <I, O> TransformRunner<I, O> open(Transform<I, O> transform, TransformContext context, FailureHandler failures,
                                                    PipelineListener metrics) {
        TransformRunner<I, O> runner = new TransformRunner<>(transform, context, failures, metrics);
        transform.open(context.metricGroup() == MetricGroup.noop() ? context.withMetricGroup(metrics.metricGroup()) : context);
        return runner;
    }

    /**
     * Applies the transform to one input and emits its outputs to {@code out}.
     *
     * @return how many outputs were emitted; 0 for a filtered record and for a record the policy
     *     dead-lettered or skipped
     * @throws dev.sluice.api.error.PipelineException when the policy decides FAIL
     */
    public int process(Envelope<I> in, Emitter<O> out) {
        int emitted = apply(in);
        for (int i = 0; i < emitted; i++) {
            out.emit(buffer.get(i));
        }
        buffer.clear();
        return emitted;
    }

    /**
     * Lazily applies the transform to every input of a partition. The runner is closed when the
     * returned iterator is exhausted, which is when Spark's task is done with it.
     */
    public Iterator<Envelope<O>> processPartition(Iterator<Envelope<I>> inputs) {
        return processPartition(inputs, e -> Require.nonNull(e, "input envelope")); // a null here is a caller's bug, not a record to pass over
    }

    /**
     * As {@link #processPartition(Iterator)}, over a partition's raw inputs (Spark rows, Kafka
     * records), each decoded to an envelope when its turn comes, so a partition never sits in
     * memory whole. {@code decode} answers null for an input it could not decode and has handed
     * to the failure handler itself (dead-lettered or skipped by the policy); that input is passed
     * over.
     */
    public <A> Iterator<Envelope<O>> processPartition(Iterator<A> inputs, Function<? super A, Envelope<I>> decode) {
        Require.nonNull(inputs, "inputs");
        Require.nonNull(decode, "decode");
        return new Iterator<>() {
            private int next; // the buffer holds the current input's outputs; this is the first not yet handed out
            private int size;

            @Override
            public boolean hasNext() {
                while (next == size && inputs.hasNext()) {
                    Envelope<I> in = decode.apply(inputs.next());
                    size = in == null ? 0 : apply(in);
                    next = 0;
                }
                if (next == size) {
                    buffer.clear();
                    close();
                    return false;
                }
                return true;
            }

            @Override
            public Envelope<O> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.get(next++);
            }
        };
    }

    /** Runs the transform on one input under the policy; its outputs are left in {@code buffer}. */
    private int apply(Envelope<I> in) {
        Require.nonNull(in, "input envelope");
        if (closed) {
            throw new IllegalStateException("TransformRunner for " + name + " is closed");
        }
        long start = timed ? System.nanoTime() : 0;
        metrics.onRecordsIn(name, 1);
        buffer.clear();
        try {
            // Called directly: the policy machinery (a supplier, an outcome) is paid only by a record that fails.
            transform.apply(in, collect);
        } catch (RuntimeException first) {
            // A retry starts from an empty buffer; a record the policy drops leaves none of its partial outputs.
            FailureHandler.Outcome<Integer> outcome = failures.recover(Stage.TRANSFORM, name, in, first, () -> {
                buffer.clear();
                transform.apply(in, collect);
                return buffer.size();
            });
            if (!outcome.succeeded()) {
                buffer.clear();
            }
        }
        int emitted = buffer.size();
        if (emitted > 0) {
            metrics.onRecordsOut(name, emitted);
        }
        if (timed) {
            metrics.onLatency(name, System.nanoTime() - start);
        }
        return emitted;
    }

    /** Closes the transform; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            transform.close();
        }
    }
}
