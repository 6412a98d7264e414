package dev.sluice.ingest.rest;

import dev.sluice.api.Require;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a REST source treats the API: at most {@code requestsPerSecond}; each request retried up to
 * {@code maxAttempts} times with exponential backoff from {@code initialBackoff} on connection
 * errors, timeouts, 429 and 5xx; a circuit breaker that opens when half of the last
 * {@code breakerWindow} attempts failed and stays open {@code breakerOpenFor} (the source then
 * asks nothing and its polls return empty), then lets a trial request through.
 */
public record Resilience(double requestsPerSecond, int maxAttempts, Duration initialBackoff, int breakerWindow,
                         Duration breakerOpenFor, Duration requestTimeout) implements Serializable {

    public Resilience {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0, got " + requestsPerSecond);
        }
        Require.atLeast(maxAttempts, 1, "maxAttempts");
        Require.positive(initialBackoff, "initialBackoff");
        Require.atLeast(breakerWindow, 2, "breakerWindow");
        Require.positive(breakerOpenFor, "breakerOpenFor");
        Require.positive(requestTimeout, "requestTimeout");
    }

    /** 10 requests/s, 5 attempts from 200 ms, breaker over 10 attempts open 30 s, 30 s per request. */
    public static Resilience defaults() {
        return new Resilience(10, 5, Duration.ofMillis(200), 10, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public Resilience withRate(double requestsPerSecond) {
        return new Resilience(requestsPerSecond, maxAttempts, initialBackoff, breakerWindow, breakerOpenFor, requestTimeout);
    }

    public Resilience withRetries(int maxAttempts, Duration initialBackoff) {
        return new Resilience(requestsPerSecond, maxAttempts, initialBackoff, breakerWindow, breakerOpenFor, requestTimeout);
    }

    public Resilience withBreaker(int window, Duration openFor) {
        return new Resilience(requestsPerSecond, maxAttempts, initialBackoff, window, openFor, requestTimeout);
    }
}
