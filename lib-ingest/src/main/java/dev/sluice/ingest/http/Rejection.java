package dev.sluice.ingest.http;

import dev.sluice.formats.JsonConversionException.FieldError;
import java.util.List;

/**
 * A record of a request that was not accepted, with why: its 0-based index in the body and every
 * problem found, each with a field path ({@code $.user.id}) or {@code $} for the whole record.
 */
public record Rejection(int index, List<FieldError> errors) {

    public Rejection {
        errors = List.copyOf(errors);
    }

    static Rejection of(int index, String path, String reason) {
        return new Rejection(index, List.of(new FieldError(path, reason)));
    }
}
