package dev.sluice.stream.s3;

import java.util.Locale;

/** Why the S3 sink closed a file; the {@code reason} tag of {@code sluice.sink.files}. */
enum RotationReason {
    RECORDS, BYTES, RECORD_TIME, IDLE, AGE, MEMORY, SCHEMA, REPLAY, FLUSH;

    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
