package dev.sluice.testkit;

import dev.sluice.api.Envelope;
import dev.sluice.api.Require;
import dev.sluice.api.Transform;
import dev.sluice.api.TransformContext;
import dev.sluice.api.TransformRunner;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.ErrorPolicy;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.FailureHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link Transform} the way the runtimes do (through a {@link TransformRunner}, with its
 * error policy), in memory, and records outputs, dead letters and decisions: Sluice's
 * TopologyTestDriver.
 *
 * <!-- examples/src/test/java/dev/sluice/examples/javadoc/HarnessExampleTest.java#snippet -->
 * <pre>{@code
 * try (var h = TransformHarness.of(new ValidateOrder())) {
 *     assertThat(h.sendValue(order).values()).containsExactly(normalized);
 *     assertThat(h.deadLetters()).isEmpty();
 * }
 * }</pre>
 * Default policies dead-letter failures and retry transient ones without waiting.
 */
public final class TransformHarness<I, O> implements AutoCloseable {

    /** Retries without backoff, so tests stay fast. */
    public static final ErrorPolicy NO_WAIT_DEAD_LETTER = ErrorPolicy.deadLetter().withBackoff(Duration.ZERO, 1.0, Duration.ZERO);

    /** The outputs of one input. */
    public record Result<O>(List<Envelope<O>> outputs) {
        public List<O> values() {
            return outputs.stream().map(Envelope::value).toList();
        }
    }

    private final TransformRunner<I, O> runner;
    private final CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();
    private final RecordingListener listener = new RecordingListener();
    private final List<Envelope<O>> outputs = new ArrayList<>();

    private TransformHarness(Transform<I, O> transform, ErrorPolicies policies) {
        FailureHandler failures = new FailureHandler("harness", Require.nonNull(policies, "policies"), deadLetters, listener);
        this.runner = TransformRunner.open(Require.nonNull(transform, "transform"), TransformContext.of("harness", "transform"), failures, listener);
    }

    public static <I, O> TransformHarness<I, O> of(Transform<I, O> transform) {
        return new TransformHarness<>(transform, ErrorPolicies.all(NO_WAIT_DEAD_LETTER));
    }

    public static <I, O> TransformHarness<I, O> of(Transform<I, O> transform, ErrorPolicy transformPolicy) {
        return new TransformHarness<>(transform, ErrorPolicies.all(NO_WAIT_DEAD_LETTER).withTransform(transformPolicy));
    }

    /** Feeds one envelope; returns what it produced. Throws what the runner throws (a FAIL decision). */
    public Result<O> send(Envelope<I> in) {
        List<Envelope<O>> produced = new ArrayList<>();
        runner.process(in, produced::add);
        outputs.addAll(produced);
        return new Result<>(List.copyOf(produced));
    }

    /** Feeds a value in an in-memory envelope. */
    public Result<O> sendValue(I value) {
        return send(Envelope.of(value));
    }

    /** Every output so far. */
    public List<Envelope<O>> outputs() {
        return List.copyOf(outputs);
    }

    public List<O> outputValues() {
        return outputs.stream().map(Envelope::value).toList();
    }

    /** Records the policy dead-lettered. */
    public List<Failure> deadLetters() {
        return deadLetters.failures();
    }

    /** Every failed attempt and the decision taken, retries included. */
    /** The metrics the transform registered itself through {@code TransformContext.metricGroup()}. */
    public RecordingMetricGroup metrics() {
        return listener.metricGroup();
    }

    public List<RecordingListener.Decided> decisions() {
        return listener.decisions();
    }

    public long count(Decision decision) {
        return listener.count(decision);
    }

    @Override
    public void close() {
        runner.close();
    }
}
