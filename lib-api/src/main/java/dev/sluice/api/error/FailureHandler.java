package dev.sluice.api.error;

import dev.sluice.api.Envelope;
import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import dev.sluice.api.metrics.PipelineListener;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage of one record under its {@link ErrorPolicy}: retries with the policy's backoff,
 * then dead-letters, skips and counts, or fails. Every failed attempt is reported to the
 * {@link PipelineListener} ({@code onFailure} and nothing else: counts and timings reach a
 * component through its context, apart from the policy) and logged (position and reason, never the
 * record's bytes), so no record ever disappears silently.
 *
 * <p>Thread-safe if the dead-letter sink and listener are; a retry blocks the calling thread for
 * the backoff, which is what holds a partition's order while a transient cause clears.
 */
@Public
public final class FailureHandler {

    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    /** The result of {@link #run}: the stage's value, or nothing when the record was dead-lettered or skipped. */
    public record Outcome<R>(R value, boolean succeeded) {
        private static final Outcome<?> DROPPED = new Outcome<>(null, false);

        static <R> Outcome<R> success(R value) {
            return new Outcome<>(value, true);
        }

        @SuppressWarnings("unchecked")
        static <R> Outcome<R> dropped() {
            return (Outcome<R>) DROPPED;
        }
    }

    private final String pipeline;
    private final ErrorPolicies policies;
    private final DeadLetterSink deadLetters;
    private final PipelineListener listener;

    public FailureHandler(String pipeline, ErrorPolicies policies, DeadLetterSink deadLetters, PipelineListener listener) {
        this.pipeline = Require.nonBlank(pipeline, "pipeline");
        this.policies = Require.nonNull(policies, "policies");
        this.deadLetters = Require.nonNull(deadLetters, "deadLetters");
        this.listener = Require.nonNull(listener, "listener");
    }

    public String pipeline() {
        return pipeline;
    }

    public DeadLetterSink deadLetters() {
        return deadLetters;
    }

    /**
     * Calls {@code call} until it succeeds or the policy for {@code stage} gives a final decision.
     *
     * @return the value on success; {@link Outcome#succeeded()} false if the record went to the
     *     dead letter or was skipped
     * @throws PipelineException when the policy decides FAIL (the cause attached), or when the
     *     thread is interrupted during a backoff
     */
    public <R> Outcome<R> run(Stage stage, String component, Envelope<?> envelope, Supplier<R> call) {
        try {
            return Outcome.success(call.get());
        } catch (RuntimeException e) {
            return recover(stage, component, envelope, e, call);
        }
    }

    /**
     * Takes over after a first attempt the caller made on its own failed with {@code first}: the
     * policy decides on that failure as attempt 1, and {@code retry} is called only when it says
     * RETRY, exactly as in {@link #run}. So a hot path can call its stage directly and build no
     * supplier, and no outcome, for the records that succeed.
     */
    public <R> Outcome<R> recover(Stage stage, String component, Envelope<?> envelope, RuntimeException first, Supplier<R> retry) {
        ErrorPolicy policy = policies.forStage(stage);
        RuntimeException cause = Require.nonNull(first, "first failure");
        for (int attempt = 1; ; attempt++) {
            Failure failure = Failure.of(envelope, stage, component, cause, attempt);
            Decision decision = policy.decide(failure);
            listener.onFailure(failure, decision);
            if (decision != Decision.RETRY) {
                conclude(failure, decision);
                return Outcome.dropped();
            }
            pause(policy.backoff(attempt), failure);
            try {
                return Outcome.success(retry.get());
            } catch (RuntimeException e) {
                cause = e;
            }
        }
    }

    /**
     * Handles a failure that a client already retried on its own (a Kafka producer retries until
     * its delivery timeout): the policy is asked as if every retry had been spent, and its final
     * decision is applied. Returns that decision.
     */
    public Decision concludeRetried(Stage stage, String component, Envelope<?> envelope, Throwable cause) {
        ErrorPolicy policy = policies.forStage(stage);
        Failure failure;
        Decision decision;
        int attempt = 0;
        do {
            failure = Failure.of(envelope, stage, component, cause, ++attempt);
            decision = policy.decide(failure);
        } while (decision == Decision.RETRY);
        listener.onFailure(failure, decision);
        conclude(failure, decision);
        return decision;
    }

    /**
     * Applies a final decision to a failure found elsewhere (an asynchronous write that failed):
     * dead-letters, logs and counts, or throws for FAIL. RETRY is not final and is refused.
     */
    public void conclude(Failure failure, Decision decision) {
        switch (decision) {
            case DEAD_LETTER -> {
                log.warn("Dead-lettering record: {}", failure.describe());
                deadLetters.send(failure);
            }
            case SKIP_AND_COUNT -> log.warn("Skipping record (counted in sluice.failures): {}", failure.describe());
            case FAIL -> throw new PipelineException("Pipeline " + pipeline + " stopped: " + failure.describe(), failure.cause());
            case RETRY -> throw new IllegalArgumentException("RETRY is not a final decision");
        }
    }

    private static void pause(Duration backoff, Failure failure) {
        log.debug("Retrying in {}: {}", backoff, failure.describe());
        if (backoff.isZero()) {
            return;
        }
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new PipelineException("Interrupted while waiting to retry: " + failure.describe(), failure.cause());
        }
    }
}
