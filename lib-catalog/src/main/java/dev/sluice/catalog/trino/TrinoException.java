package dev.sluice.catalog.trino;

import dev.sluice.api.error.PipelineException;

/** A statement Trino refused or failed: the message names the statement and carries Trino's own. */
public final class TrinoException extends PipelineException {

    private static final long serialVersionUID = 1L;

    TrinoException(String statement, Throwable cause) {
        super("Trino: " + cause.getMessage() + "\n  in: " + statement, cause);
    }
}
