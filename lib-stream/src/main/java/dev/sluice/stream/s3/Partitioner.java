package dev.sluice.stream.s3;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** Computes a record's directory for a {@link Partitioning}; caches the formatted time per minute. */
final class Partitioner {

    static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final long MINUTE_MS = 60_000;

    private final Partitioning spec;
    private final DateTimeFormatter formatter;
    private final boolean cacheable;
    private long cachedMinute = Long.MIN_VALUE;
    private String cachedTime;

    Partitioner(Partitioning spec) {
        this.spec = spec;
        this.formatter = spec.timePattern() == null ? null : DateTimeFormatter.ofPattern(spec.timePattern()).withZone(ZoneId.of(spec.zone()));
        // A pattern finer than minutes cannot be cached per minute.
        this.cacheable = spec.timePattern() != null && !spec.timePattern().replaceAll("'[^']*'", "").matches(".*[sSnAN].*");
    }

    /** The directory, without leading or trailing slash; empty for {@link Partitioning#none()}. */
    String path(IndexedRecord value, Instant recordTime) {
        StringBuilder b = new StringBuilder();
        for (String field : spec.fields()) {
            Object v = value == null ? null : fieldValue(value, field);
            b.append(field).append('=').append(v == null ? NULL_PARTITION : escape(v.toString())).append('/');
        }
        if (formatter != null) {
            b.append(time(timeOf(value, recordTime))).append('/');
        }
        return b.isEmpty() ? "" : b.substring(0, b.length() - 1);
    }

    private String time(long epochMillis) {
        if (!cacheable) {
            return formatter.format(Instant.ofEpochMilli(epochMillis));
        }
        long minute = Math.floorDiv(epochMillis, MINUTE_MS);
        if (minute != cachedMinute) {
            cachedTime = formatter.format(Instant.ofEpochMilli(minute * MINUTE_MS));
            cachedMinute = minute;
        }
        return cachedTime;
    }

    private long timeOf(IndexedRecord value, Instant recordTime) {
        if (spec.timeField() == null || value == null) {
            return recordTime.toEpochMilli();
        }
        Schema.Field f = value.getSchema().getField(spec.timeField());
        if (f == null) {
            throw new IllegalArgumentException("partition time field \"" + spec.timeField() + "\" is not in " + value.getSchema().getFullName());
        }
        Object v = value.get(f.pos());
        if (v == null) {
            return recordTime.toEpochMilli();
        }
        if (v instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof Long l) {
            return isMicros(f.schema()) ? Math.floorDiv(l, 1000) : l;
        }
        if (v instanceof CharSequence s) {
            return Instant.parse(s.toString()).toEpochMilli();
        }
        throw new IllegalArgumentException("partition time field \"" + spec.timeField() + "\" holds " + v.getClass().getSimpleName()
                + "; expected a long timestamp or an ISO-8601 string");
    }

    private static boolean isMicros(Schema s) {
        for (Schema branch : s.getType() == Schema.Type.UNION ? s.getTypes() : List.of(s)) {
            LogicalType t = branch.getLogicalType();
            if (t instanceof LogicalTypes.TimestampMicros || t instanceof LogicalTypes.LocalTimestampMicros) {
                return true;
            }
        }
        return false;
    }

    private static Object fieldValue(IndexedRecord value, String field) {
        Schema.Field f = value.getSchema().getField(field);
        if (f == null) {
            throw new IllegalArgumentException("partition field \"" + field + "\" is not in " + value.getSchema().getFullName());
        }
        return value.get(f.pos());
    }

    /** Hive's escaping of partition values: control characters and the characters Hive reserves become %XX. */
    static String escape(String v) {
        StringBuilder b = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean special = c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0;
            if (special && b == null) {
                b = new StringBuilder(v.length() + 8).append(v, 0, i);
            }
            if (b != null) {
                if (special) {
                    b.append('%').append(String.format("%02X", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? v : b.toString();
    }
}
