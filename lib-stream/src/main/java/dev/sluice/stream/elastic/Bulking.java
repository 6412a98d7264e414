package dev.sluice.stream.elastic;

import dev.sluice.api.Require;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the sink groups documents into {@code _bulk} requests and retries what the cluster refuses
 * for now.
 *
 * <p>A bulk is sent when it holds {@code maxRecords} documents or {@code maxBytes} of NDJSON, at the
 * first write after it is {@code linger} old, and at every flush (the runtime flushes at each commit
 * and as soon as its input goes quiet). At most {@code maxInFlight} bulks are unanswered at once; a
 * write waits for the oldest beyond that. <b>Memory</b> is so bounded by about
 * {@code (maxInFlight + 1) * maxBytes} of documents plus the records they came from (kept for the
 * dead letter's raw bytes), and the runtime pauses its source past its own pending-record bound.
 *
 * <p>Items the cluster rejects for load (429, 502-504, {@code rejected_execution_exception}) and
 * requests that fail in transport are sent again, only those items, after an exponential backoff
 * with jitter from {@code initialBackoff} to {@code maxBackoff}, up to {@code maxAttempts} sends in
 * all; after that the flush fails as transient and the runtime's circuit breaker takes over (it
 * re-reads from the last commit later; the document ids make that harmless).
 */
public record Bulking(int maxRecords, long maxBytes, Duration linger, int maxInFlight, Duration initialBackoff, Duration maxBackoff,
                      int maxAttempts) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Bulking {
        Require.atLeast(maxRecords, 1, "maxRecords");
        Require.atLeast(maxBytes, 1024, "maxBytes");
        Require.nonNull(linger, "linger");
        Require.atLeast(maxInFlight, 1, "maxInFlight");
        Require.nonNull(initialBackoff, "initialBackoff");
        Require.nonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive with maxBackoff >= initialBackoff, got " + initialBackoff + ".." + maxBackoff);
        }
        Require.atLeast(maxAttempts, 1, "maxAttempts");
    }

    /** 1,000 documents or 5 MiB, 1 s linger, 2 in flight; retries from 100 ms to 10 s, 10 sends (about 35 s in all). */
    public static Bulking defaults() {
        return new Bulking(1_000, 5L << 20, Duration.ofSeconds(1), 2, Duration.ofMillis(100), Duration.ofSeconds(10), 10);
    }

    public Bulking withMaxRecords(int v) {
        return new Bulking(v, maxBytes, linger, maxInFlight, initialBackoff, maxBackoff, maxAttempts);
    }

    public Bulking withMaxBytes(long v) {
        return new Bulking(maxRecords, v, linger, maxInFlight, initialBackoff, maxBackoff, maxAttempts);
    }

    public Bulking withLinger(Duration v) {
        return new Bulking(maxRecords, maxBytes, v, maxInFlight, initialBackoff, maxBackoff, maxAttempts);
    }

    public Bulking withMaxInFlight(int v) {
        return new Bulking(maxRecords, maxBytes, linger, v, initialBackoff, maxBackoff, maxAttempts);
    }

    public Bulking withRetries(Duration initial, Duration max, int attempts) {
        return new Bulking(maxRecords, maxBytes, linger, maxInFlight, initial, max, attempts);
    }
}
