package dev.sluice.core.error;

/** Where in a pipeline a failure happened; each stage has its own {@link ErrorPolicy}. */
public enum Stage {
    /** Turning source bytes into a typed value. */
    DESERIALIZE,
    /** Running a {@link dev.sluice.core.Transform}. */
    TRANSFORM,
    /** Encoding and writing to a sink. */
    SINK;

    /** Lower-case name as used in metric tags and dead-letter headers. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
