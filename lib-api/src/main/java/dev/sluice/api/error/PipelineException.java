package dev.sluice.api.error;

import dev.sluice.api.annotation.Public;

/**
 * The root of Sluice's unchecked exceptions. Thrown as is, it means "stop": a failure that no
 * retry or dead letter can absorb (bad configuration, a policy that says FAIL, a closed resource).
 */
@Public
public class PipelineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
