package dev.sluice.api.source;

import dev.sluice.api.annotation.Public;

/** Thrown by a {@link SourceReader} call that {@link SourceReader#wakeup()} interrupted. */
@Public
public final class ReaderWokenUpException extends RuntimeException {

    public ReaderWokenUpException(String message, Throwable cause) {
        super(message, cause);
    }
}
