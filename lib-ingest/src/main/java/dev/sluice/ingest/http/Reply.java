package dev.sluice.ingest.http;

/**
 * An HTTP answer of the ingest server: status, JSON body, and a {@code Retry-After} in seconds
 * (0 for none). Immutable, so an idempotent replay can send the very same answer again.
 */
record Reply(int status, byte[] body, long retryAfterSeconds) {

    static Reply of(int status, byte[] body) {
        return new Reply(status, body, 0);
    }

    /** Kafka did not take the request, or not all of it: the client should retry. */
    boolean retriable() {
        return status == 429 || status >= 500;
    }
}
