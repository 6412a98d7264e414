package dev.sluice.api.error;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import java.time.Duration;

/**
 * The usual policy: retry {@link RetriableException}s with exponential backoff up to
 * {@code maxAttempts}, then apply {@code onExhausted}; apply {@code onDataError} at once to every
 * other exception (a {@link DataException} or anything unexpected a transform threw).
 *
 * @param maxAttempts    total attempts for a transient failure, at least 1 (1 = no retry)
 * @param initialBackoff wait before the first retry
 * @param multiplier     growth of the wait per retry, at least 1.0
 * @param maxBackoff     cap on the wait
 * @param onExhausted    decision once transient retries are used up; not RETRY
 * @param onDataError    decision for non-transient failures; not RETRY
 */
@Public
public record StandardErrorPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                                  Decision onExhausted, Decision onDataError) implements ErrorPolicy {

    private static final long serialVersionUID = 1L;

    static final StandardErrorPolicy DEFAULTS = new StandardErrorPolicy(
            5, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), Decision.DEAD_LETTER, Decision.DEAD_LETTER);

    public StandardErrorPolicy {
        Require.atLeast(maxAttempts, 1, "maxAttempts");
        Require.nonNull(initialBackoff, "initialBackoff");
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative, got " + initialBackoff);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1.0, got " + multiplier);
        }
        Require.nonNull(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must be >= initialBackoff (" + initialBackoff + ")");
        }
        notRetry(onExhausted, "onExhausted");
        notRetry(onDataError, "onDataError");
    }

    private static void notRetry(Decision d, String name) {
        Require.nonNull(d, name);
        if (d == Decision.RETRY) {
            throw new IllegalArgumentException(name + " must be a final decision (DEAD_LETTER, SKIP_AND_COUNT or FAIL), got RETRY");
        }
    }

    @Override
    public Decision decide(Failure failure) {
        if (!failure.isRetriable()) {
            return onDataError;
        }
        return failure.attempt() < maxAttempts ? Decision.RETRY : onExhausted;
    }

    @Override
    public Duration backoff(int attempt) {
        if (initialBackoff.isZero()) {
            return Duration.ZERO;
        }
        // initial * multiplier^(attempt-1), capped; computed in doubles so a long run of attempts cannot overflow.
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }

    public StandardErrorPolicy withMaxAttempts(int v) {
        return new StandardErrorPolicy(v, initialBackoff, multiplier, maxBackoff, onExhausted, onDataError);
    }

    public StandardErrorPolicy withBackoff(Duration initial, double mult, Duration max) {
        return new StandardErrorPolicy(maxAttempts, initial, mult, max, onExhausted, onDataError);
    }

    public StandardErrorPolicy withOnExhausted(Decision v) {
        return new StandardErrorPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, v, onDataError);
    }

    public StandardErrorPolicy withOnDataError(Decision v) {
        return new StandardErrorPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, onExhausted, v);
    }
}
