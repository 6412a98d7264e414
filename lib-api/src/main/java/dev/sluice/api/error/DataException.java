package dev.sluice.api.error;

import dev.sluice.api.annotation.Public;

/**
 * A record that can never be processed as it is (it does not decode, violates its schema, or a
 * transform rejects it): a poison record. Retrying is pointless; by policy it goes to a dead
 * letter with its raw bytes. Messages name the field path, offset or line at fault.
 */
@Public
public class DataException extends PipelineException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** See {@link PipelineException#PipelineException(String, String, Throwable)}. */
    public DataException(String message, String reason, Throwable cause) {
        super(message, reason, cause);
    }
}
