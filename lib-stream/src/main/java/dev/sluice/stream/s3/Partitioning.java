package dev.sluice.stream.s3;

import dev.sluice.api.Require;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Hive-style directories the S3 sink writes a record into: {@code name=value} for each field in
 * {@code fields}, then the record time formatted with {@code timePattern} (for example
 * {@code 'dt='yyyy-MM-dd'/hr='HH} gives {@code dt=2026-11-24/hr=07}). Values are escaped as Hive
 * does; a null value becomes {@code __HIVE_DEFAULT_PARTITION__}.
 *
 * @param fields      top-level record fields, in directory order; may be empty
 * @param timePattern a {@link DateTimeFormatter} pattern, or null for no time directories
 * @param timeField   the field holding the time (a long timestamp-millis/-micros, or an ISO string),
 *                    or null for the record time (the Kafka timestamp, or the event time a transform set)
 * @param zone        the zone the time is formatted in
 */
public record Partitioning(List<String> fields, String timePattern, String timeField, String zone) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Partitioning {
        fields = List.copyOf(Require.nonNull(fields, "fields"));
        fields.forEach(f -> Require.nonBlank(f, "fields[]"));
        if (timePattern != null) {
            DateTimeFormatter.ofPattern(timePattern); // fails here, with the pattern's error, not at the first record
        }
        ZoneId.of(Require.nonBlank(zone, "zone"));
    }

    /** Everything in one directory. */
    public static Partitioning none() {
        return new Partitioning(List.of(), null, null, "UTC");
    }

    /** {@code dt=yyyy-MM-dd/hr=HH} of the record time, in UTC. */
    public static Partitioning daily() {
        return byRecordTime("'dt='yyyy-MM-dd'/hr='HH");
    }

    public static Partitioning byRecordTime(String pattern) {
        return new Partitioning(List.of(), Require.nonBlank(pattern, "pattern"), null, "UTC");
    }

    public static Partitioning byFields(String... names) {
        return new Partitioning(List.of(names), null, null, "UTC");
    }

    public Partitioning withFields(String... names) {
        return new Partitioning(List.of(names), timePattern, timeField, zone);
    }

    public Partitioning withTimePattern(String v) {
        return new Partitioning(fields, v, timeField, zone);
    }

    public Partitioning withTimeField(String v) {
        return new Partitioning(fields, timePattern, v, zone);
    }

    public Partitioning withZone(String v) {
        return new Partitioning(fields, timePattern, timeField, v);
    }

    /** A runtime partitioner for one writer (it caches formatted times; not thread-safe). */
    Partitioner partitioner() {
        return new Partitioner(this);
    }
}
