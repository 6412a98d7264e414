package dev.sluice.stream.s3;

/**
 * What the S3 sink does with a record whose value is null (a Kafka tombstone), as Kafka Connect's
 * S3 sink's {@code behavior.on.null.values}.
 */
public enum Tombstones {
    /**
     * Not written: an explicit choice, so the error policy is not asked, but counted in
     * {@code sluice.failures} with decision {@code skip_and_count} and reason {@code tombstone}, so
     * it is never silent (Connect's {@code ignore}).
     */
    SKIP,
    /**
     * Handed to the sink stage's error policy as a record the sink cannot write (a
     * {@code DataException} with reason {@code tombstone}): it decides as for any other, so by default
     * the tombstone goes to the dead letter with its key, and a policy that fails stops the pipeline
     * (Connect's {@code fail}, made configurable).
     */
    POLICY,
    /**
     * Written as a row with {@code __deleted = true}, the record key in {@code __key} and every other
     * column null. Every file then carries the two columns and its data columns are nullable
     * (Connect's {@code write}).
     */
    MARKER
}
