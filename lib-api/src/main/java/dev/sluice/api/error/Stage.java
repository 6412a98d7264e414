package dev.sluice.api.error;

import dev.sluice.api.annotation.Public;
import java.util.Locale;

/** Where in a pipeline a failure happened; each stage has its own {@link ErrorPolicy}. */
@Public
public enum Stage {
    /** Turning source bytes into a typed value. */
    DESERIALIZE,
    /** Running a {@link dev.sluice.api.Transform}. */
    TRANSFORM,
    /** Encoding and writing to a sink. */
    SINK;

    /** Lower-case name as used in metric tags and dead-letter headers. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
