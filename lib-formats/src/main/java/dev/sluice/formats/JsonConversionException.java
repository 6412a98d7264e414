package dev.sluice.formats;

import dev.sluice.api.error.DataException;
import java.util.List;

/**
 * A JSON document that does not fit its Avro schema. The message lists every problem, each
 * naming its field path: {@code $.items[2].price: expected double, got "abc"}.
 */
public class JsonConversionException extends DataException {

    private static final long serialVersionUID = 1L;

    /** One problem at one path. */
    public record FieldError(String path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    private final List<FieldError> errors;

    public JsonConversionException(List<FieldError> errors) {
        super(String.join("; ", errors.stream().map(FieldError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
