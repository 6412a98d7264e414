package dev.sluice.stream.s3;

/** What the S3 sink does with a record whose value is null (a Kafka tombstone). */
public enum Tombstones {
    /** Not written; counted in {@code sluice.failures} with decision {@code skip} so it is never silent. */
    SKIP,
    /**
     * Written as a row with {@code __deleted = true}, the record key in {@code __key} and every other
     * column null. Every file then carries the two columns and its data columns are nullable.
     */
    MARKER
}
