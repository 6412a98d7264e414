package dev.sluice.stream.s3;

/** Why the S3 sink closed a file; the {@code reason} tag of {@code sluice.sink.files}. */
enum RotationReason {
    RECORDS, BYTES, RECORD_TIME, IDLE, AGE, MEMORY, SCHEMA, REPLAY, FLUSH;

    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
