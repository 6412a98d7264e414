package dev.sluice.api.error;

import dev.sluice.api.annotation.Public;

/**
 * A transient failure: the same call may succeed later (a timeout, a broker or store that is
 * briefly unavailable, throttling). Error policies retry it with backoff before deciding anything else.
 */
@Public
public class RetriableException extends PipelineException {

    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** See {@link PipelineException#PipelineException(String, String, Throwable)}. */
    public RetriableException(String message, String reason, Throwable cause) {
        super(message, reason, cause);
    }

    /**
     * Whether {@code t} is transient: a RetriableException anywhere in its cause chain. Connectors
     * translate their clients' transient failures into this type at their boundary, so a runtime
     * asks only this.
     */
    public static boolean isCauseOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
