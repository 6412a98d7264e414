package dev.sluice.api.error;

import dev.sluice.api.Envelope;
import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;

/**
 * One failed attempt to process one record.
 *
 * @param envelope  the record as it was when the stage failed; its value is null when decoding failed
 * @param rawBytes  the bytes the record was read from, or null when it never had any
 * @param stage     the stage that failed
 * @param component the name of the source, transform or sink that failed
 * @param cause     what was thrown
 * @param attempt   1 for the first attempt, 2 for the first retry, and so on
 */
@Public
public record Failure(Envelope<?> envelope, byte[] rawBytes, Stage stage, String component, Throwable cause, int attempt) {

    public Failure {
        Require.nonNull(envelope, "envelope");
        Require.nonNull(stage, "stage");
        Require.nonBlank(component, "component");
        Require.nonNull(cause, "cause");
        Require.atLeast(attempt, 1, "attempt");
    }

    /** A failure whose raw bytes are the envelope's {@link Envelope#sourceBytes()}. */
    public static Failure of(Envelope<?> envelope, Stage stage, String component, Throwable cause, int attempt) {
        return new Failure(envelope, envelope.sourceBytes(), stage, component, cause, attempt);
    }

    /**
     * A short code for why, for metric tags: the cause's {@link PipelineException#reason()}, else
     * {@code "none"} (the cause's class names the rest).
     */
    public String reason() {
        return cause instanceof PipelineException p && p.reason() != null ? p.reason() : "none";
    }

    /** True when the cause is transient and a retry may succeed. */
    public boolean isRetriable() {
        return cause instanceof RetriableException;
    }

    /** One line for logs: where, which stage, and why. Never the record's bytes. */
    public String describe() {
        return stage.tag() + " failed in " + component + " at " + envelope.position().describe()
                + " (attempt " + attempt + "): " + cause.getClass().getName() + ": " + cause.getMessage();
    }

    @Override
    public String toString() {
        return "Failure{" + describe() + "}";
    }
}
