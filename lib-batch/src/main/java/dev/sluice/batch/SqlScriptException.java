package dev.sluice.batch;

/**
 * A statement of a streaming SQL script that cannot run: the message names the script, the
 * statement's number, its line and column, and what is wrong. Thrown before any query starts.
 */
public final class SqlScriptException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SqlScriptException(String message) {
        super(message);
    }

    public SqlScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
