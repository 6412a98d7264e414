package dev.sluice.core.error;

/**
 * A transient failure: the same call may succeed later (a timeout, a broker or store that is
 * briefly unavailable, throttling). Error policies retry it with backoff before deciding anything else.
 */
public class RetriableException extends PipelineException {

    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
