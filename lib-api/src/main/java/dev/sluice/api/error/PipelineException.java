package dev.sluice.api.error;

import dev.sluice.api.annotation.Public;

/**
 * The root of Sluice's unchecked exceptions. Thrown as is, it means "stop": a failure that no
 * retry or dead letter can absorb (bad configuration, a policy that says FAIL, a closed resource).
 */
@Public
public class PipelineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public PipelineException(String message) {
        this(message, null, null);
    }

    public PipelineException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param reason a short code for why, of few distinct values (a server's error type such as
     *     {@code mapper_parsing_exception}), which metrics may carry as a tag; or null
     * @param cause  the cause, or null
     */
    public PipelineException(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The short code for why, or null; see {@link #PipelineException(String, String, Throwable)}. */
    public String reason() {
        return reason;
    }
}
