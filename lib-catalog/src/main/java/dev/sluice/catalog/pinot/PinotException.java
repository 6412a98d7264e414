package dev.sluice.catalog.pinot;

/** A Pinot controller or broker refused a request; the message carries Pinot's own. */
public final class PinotException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    PinotException(String request, int status, String pinotMessage) {
        super(request + " -> HTTP " + status + ": " + pinotMessage);
        this.status = status;
    }

    PinotException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status, or -1 when the request did not get an answer. */
    public int status() {
        return status;
    }
}
