package dev.sluice.stream.s3;

import dev.sluice.core.Require;
import java.io.Serializable;
import java.time.Duration;

/**
 * When the S3 sink closes the files of one source partition and starts new ones. The first three
 * depend only on the records, so a replay closes at the same places; the idle timeout (and the
 * memory bound) depend on the clock, and the sink records where they closed so a replay after a
 * crash closes there too (see {@link S3Sink}).
 *
 * @param maxRecords       records per source partition and file set
 * @param maxBytes         encoded bytes per source partition and file set (before compression)
 * @param recordTimeSpan   a record whose time is this far past the first record's closes the set first; zero: off
 * @param idleTimeout      wall-clock time without a new record after which the open files are closed
 */
public record Rotation(long maxRecords, long maxBytes, Duration recordTimeSpan, Duration idleTimeout) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Rotation {
        Require.atLeast(maxRecords, 1, "maxRecords");
        Require.atLeast(maxBytes, 1, "maxBytes");
        Require.nonNull(recordTimeSpan, "recordTimeSpan");
        if (recordTimeSpan.isNegative()) {
            throw new IllegalArgumentException("recordTimeSpan must not be negative, got " + recordTimeSpan);
        }
        Require.positive(idleTimeout, "idleTimeout");
    }

    /** 1,000,000 records, 128 MiB, one hour of record time, 5 minutes idle. */
    public static Rotation defaults() {
        return new Rotation(1_000_000, 128L << 20, Duration.ofHours(1), Duration.ofMinutes(5));
    }

    public Rotation withMaxRecords(long v) {
        return new Rotation(v, maxBytes, recordTimeSpan, idleTimeout);
    }

    public Rotation withMaxBytes(long v) {
        return new Rotation(maxRecords, v, recordTimeSpan, idleTimeout);
    }

    public Rotation withRecordTimeSpan(Duration v) {
        return new Rotation(maxRecords, maxBytes, v, idleTimeout);
    }

    public Rotation withIdleTimeout(Duration v) {
        return new Rotation(maxRecords, maxBytes, recordTimeSpan, v);
    }
}
