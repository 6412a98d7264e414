package dev.sluice.catalog.pinot;

import dev.sluice.api.Require;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * What Sluice needs to derive a Pinot schema and its table configs from an Avro schema.
 *
 * @param table         the Pinot table (and schema) name
 * @param schema        the Avro record schema of the rows
 * @param timeField     the record-time field: a {@code long} timestamp or {@code int} date logical type, or a
 *                      plain {@code long} of epoch milliseconds
 * @param metrics       numeric fields Pinot should aggregate (metric columns); every other field is a dimension
 * @param retentionDays segments older than this are deleted by Pinot
 * @param replicas      copies of each segment (1 on a single server)
 * @param micros        timestamps arrive as epoch microseconds whatever the Avro logical type says: rows read
 *                      from Parquet that Sluice wrote (S3 sink, BatchJob), where every timestamp is TIMESTAMP_MICROS
 * @param primaryKey    for an upsert table, the fields that name a row (empty: every row is kept, an append table).
 *                      A REALTIME upsert table answers with each key's latest row, which the topic must carry
 *                      partitioned by that key (Kafka's default partitioner does, for a key of those fields); of
 *                      two versions with the same time value, the one consumed later wins
 */
public record PinotTableSpec(String table, Schema schema, String timeField, Set<String> metrics, int retentionDays, int replicas,
                             boolean micros, List<String> primaryKey) {

    public PinotTableSpec {
        Require.nonBlank(table, "table");
        Require.nonNull(schema, "schema");
        Require.nonBlank(timeField, "timeField");
        metrics = Set.copyOf(Require.nonNull(metrics, "metrics"));
        Require.atLeast(retentionDays, 1, "retentionDays");
        Require.atLeast(replicas, 1, "replicas");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("a Pinot table's Avro schema must be a record, got " + schema.getType());
        }
        if (schema.getField(timeField) == null) {
            throw new IllegalArgumentException("time field \"" + timeField + "\" is not a field of " + schema.getFullName());
        }
        for (String m : metrics) {
            if (schema.getField(m) == null) {
                throw new IllegalArgumentException("metric \"" + m + "\" is not a field of " + schema.getFullName());
            }
        }
        primaryKey = List.copyOf(Require.nonNull(primaryKey, "primaryKey"));
        for (String k : primaryKey) {
            if (schema.getField(k) == null) {
                throw new IllegalArgumentException("primary key column \"" + k + "\" is not a field of " + schema.getFullName());
            }
            if (metrics.contains(k)) {
                throw new IllegalArgumentException("primary key column \"" + k + "\" is also a metric; a key is a dimension or the time field");
            }
        }
    }

    /** Every field a dimension but the time field; 30 days' retention; one replica. */
    public static PinotTableSpec of(String table, Schema schema, String timeField) {
        return new PinotTableSpec(table, schema, timeField, Set.of(), 30, 1, false, List.of());
    }

    public PinotTableSpec withMetrics(String... fields) {
        return new PinotTableSpec(table, schema, timeField, Set.of(fields), retentionDays, replicas, micros, primaryKey);
    }

    public PinotTableSpec withRetentionDays(int days) {
        return new PinotTableSpec(table, schema, timeField, metrics, days, replicas, micros, primaryKey);
    }

    public PinotTableSpec withReplicas(int n) {
        return new PinotTableSpec(table, schema, timeField, metrics, retentionDays, n, micros, primaryKey);
    }

    /** For a table loaded from Sluice's Parquet files (TIMESTAMP_MICROS): the time field counts microseconds. */
    public PinotTableSpec withParquetTimestamps() {
        return new PinotTableSpec(table, schema, timeField, metrics, retentionDays, replicas, true, primaryKey);
    }

    /**
     * An upsert table keyed by {@code columns} (a streaming SQL TABLE's group keys and window start,
     * a CDC table's primary key): queries see each key's latest row, not the changelog.
     */
    public PinotTableSpec withUpsert(List<String> columns) {
        return new PinotTableSpec(table, schema, timeField, metrics, retentionDays, replicas, micros, columns);
    }

    public boolean upsert() {
        return !primaryKey.isEmpty();
    }
}
