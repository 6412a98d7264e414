package dev.sluice.formats;

import dev.sluice.api.error.PipelineException;

/** The registry refused a request; the message carries the registry's HTTP status, error code and text. */
public class SchemaRegistryException extends PipelineException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Confluent's error code (for example 409 incompatible, 40403 schema not found), or 0. */
    public int errorCode() {
        return errorCode;
    }
}
