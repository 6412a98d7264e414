package dev.sluice.api.error;

import dev.sluice.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;

/**
 * Decides what happens to a failed record at one stage.
 *
 * <p>Contract: {@link #decide} is called after every failed attempt, with
 * {@link Failure#attempt()} counting from 1. It must be a pure function of the failure (it may be
 * called from several threads) and must eventually stop answering {@link Decision#RETRY} for a
 * given record. {@link #backoff} says how long to wait before the next attempt.
 */
@Public
public interface ErrorPolicy extends Serializable {

    Decision decide(Failure failure);

    /** Wait before attempt {@code attempt + 1}. The default retries at once. */
    default Duration backoff(int attempt) {
        return Duration.ZERO;
    }

    /**
     * Retries transient failures with exponential backoff (5 attempts, 100 ms doubling to 5 s),
     * then dead-letters; dead-letters data errors at once. The default for decode and transform.
     */
    static StandardErrorPolicy deadLetter() {
        return StandardErrorPolicy.DEFAULTS;
    }

    /** Like {@link #deadLetter()} but a record that still fails after retries stops the pipeline. */
    static StandardErrorPolicy failFast() {
        return StandardErrorPolicy.DEFAULTS.withOnExhausted(Decision.FAIL).withOnDataError(Decision.FAIL);
    }

    /** Like {@link #deadLetter()} but failed records are dropped and counted. */
    static StandardErrorPolicy skipAndCount() {
        return StandardErrorPolicy.DEFAULTS.withOnExhausted(Decision.SKIP_AND_COUNT).withOnDataError(Decision.SKIP_AND_COUNT);
    }

    /**
     * The default for sinks: a transient failure that outlasts the retries stops the pipeline
     * (the sink is down: dead-lettering would empty good records into the DLQ), while a record the
     * sink rejects as data (too large, not encodable) goes to the dead letter.
     */
    static StandardErrorPolicy sinkDefault() {
        return StandardErrorPolicy.DEFAULTS.withOnExhausted(Decision.FAIL);
    }
}
