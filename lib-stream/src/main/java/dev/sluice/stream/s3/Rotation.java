package dev.sluice.stream.s3;

import dev.sluice.api.Require;
import java.io.Serializable;
import java.time.Duration;

/**
 * When the S3 sink closes the files of one source partition and starts new ones. The first three
 * depend only on the records, so a replay closes at the same places; the idle timeout, the maximum
 * age (and the memory bound) depend on the clock, and the sink records where they closed so a
 * replay after a crash closes there too (see {@link S3Sink}).
 *
 * <p>What a crash costs: the runtime commits a partition only up to its oldest segment not yet in
 * S3, so a crash replays at most what one partition received in {@code maxAge} (plus the upload of
 * the segment that closed last and one poll). Kafka Connect's S3 sink bounds the same with
 * {@code rotate.schedule.interval.ms}, off by default there; here it is on by default (one minute).
 *
 * @param maxRecords       records per source partition and file set
 * @param maxBytes         encoded bytes per source partition and file set (before compression)
 * @param recordTimeSpan   a record whose time is this far past the first record's closes the set first; zero: off
 * @param idleTimeout      wall-clock time without a new record after which the open files are closed
 * @param maxAge           wall-clock time since a set's first record after which it is closed, however
 *                         busy the partition; bounds what a crash replays; zero: off
 */
public record Rotation(long maxRecords, long maxBytes, Duration recordTimeSpan, Duration idleTimeout, Duration maxAge)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    public Rotation {
        Require.atLeast(maxRecords, 1, "maxRecords");
        Require.atLeast(maxBytes, 1, "maxBytes");
        notNegative(recordTimeSpan, "recordTimeSpan");
        Require.positive(idleTimeout, "idleTimeout");
        notNegative(maxAge, "maxAge");
    }

    private static void notNegative(Duration d, String name) {
        Require.nonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }

    /** 1,000,000 records, 128 MiB, one hour of record time, 5 minutes idle, one minute at most. */
    public static Rotation defaults() {
        return new Rotation(1_000_000, 128L << 20, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofMinutes(1));
    }

    public Rotation withMaxRecords(long v) {
        return new Rotation(v, maxBytes, recordTimeSpan, idleTimeout, maxAge);
    }

    public Rotation withMaxBytes(long v) {
        return new Rotation(maxRecords, v, recordTimeSpan, idleTimeout, maxAge);
    }

    public Rotation withRecordTimeSpan(Duration v) {
        return new Rotation(maxRecords, maxBytes, v, idleTimeout, maxAge);
    }

    public Rotation withIdleTimeout(Duration v) {
        return new Rotation(maxRecords, maxBytes, recordTimeSpan, v, maxAge);
    }

    public Rotation withMaxAge(Duration v) {
        return new Rotation(maxRecords, maxBytes, recordTimeSpan, idleTimeout, v);
    }
}
