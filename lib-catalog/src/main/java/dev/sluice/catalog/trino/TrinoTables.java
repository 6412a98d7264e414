package dev.sluice.catalog.trino;

import dev.sluice.api.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Trino statements for the lake's tables, derived from their Avro schemas so no column name is
 * typed twice: an external Hive table over Parquet files in Hive layout ({@code dt=.../}), and the
 * partition sync a rerun needs. Types follow what Sluice's writers put in Parquet: timestamps as
 * {@code TIMESTAMP(MICROS)}, read as {@code timestamp(6)} (the catalog needs
 * {@code hive.timestamp-precision=MICROSECONDS}); columns are matched by name
 * ({@code hive.parquet.use-column-names=true}), case-insensitively, so {@code pageCategory}
 * reads as {@code pagecategory}.
 */
public final class TrinoTables {

    private TrinoTables() {}

    /** {@code CREATE SCHEMA IF NOT EXISTS catalog.schema WITH (location = ...)}. */
    public static String createSchema(String catalog, String schema, String location) {
        return "CREATE SCHEMA IF NOT EXISTS " + Require.nonBlank(catalog, "catalog") + "." + Require.nonBlank(schema, "schema")
                + " WITH (location = '" + Require.nonBlank(location, "location") + "')";
    }

    /**
     * An external Parquet table over {@code location} with the record's fields as columns and
     * {@code partitions} (varchar directory values, in directory order) last. A partition column that
     * is also a field of the record is taken from the directories, as Hive does.
     */
    public static String createExternalTable(String table, Schema record, List<String> partitions, String location) {
        Require.nonBlank(table, "table");
        Require.nonNull(partitions, "partitions");
        List<String> columns = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            if (!partitions.contains(f.name())) {
                columns.add("    " + quote(f.name()) + " " + type(f.schema(), f.name()));
            }
        }
        partitions.forEach(p -> columns.add("    " + quote(p) + " varchar"));
        String partitionedBy = partitions.isEmpty() ? ""
                : "partitioned_by = ARRAY[" + partitions.stream().map(p -> "'" + p.toLowerCase(Locale.ROOT) + "'").collect(Collectors.joining(", ")) + "], ";
        return "CREATE TABLE IF NOT EXISTS " + table + " (\n" + String.join(",\n", columns) + "\n)\nWITH (format = 'PARQUET', " + partitionedBy
                + "external_location = '" + Require.nonBlank(location, "location") + "')";
    }

    /** Registers the partition directories found under the table's location, and forgets those gone. */
    public static String syncPartitions(String catalog, String schema, String table) {
        return "CALL " + catalog + ".system.sync_partition_metadata('" + schema + "', '" + table + "', 'FULL')";
    }

    /** The Trino type of an Avro schema; {@code field} names it in the error for a type Parquet tables cannot hold. */
    static String type(Schema s, String field) {
        LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
                || logical instanceof LogicalTypes.LocalTimestampMillis || logical instanceof LogicalTypes.LocalTimestampMicros) {
            return "timestamp(6)";
        }
        if (logical instanceof LogicalTypes.Date) {
            return "date";
        }
        if (logical instanceof LogicalTypes.Decimal d) {
            return "decimal(" + d.getPrecision() + ", " + d.getScale() + ")";
        }
        return switch (s.getType()) {
            case STRING, ENUM -> "varchar";
            case BOOLEAN -> "boolean";
            case INT -> "integer";
            case LONG -> "bigint";
            case FLOAT -> "real";
            case DOUBLE -> "double";
            case BYTES, FIXED -> "varbinary";
            case ARRAY -> "array(" + type(s.getElementType(), field + "[]") + ")";
            case MAP -> "map(varchar, " + type(s.getValueType(), field + "{}") + ")";
            case RECORD -> "row(" + s.getFields().stream().map(f -> quote(f.name()) + " " + type(f.schema(), field + "." + f.name()))
                    .collect(Collectors.joining(", ")) + ")";
            case UNION -> type(nonNull(s, field), field);
            case NULL -> throw new IllegalArgumentException(field + ": a column cannot be of type null");
        };
    }

    private static Schema nonNull(Schema union, String field) {
        List<Schema> branches = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        if (branches.size() != 1) {
            throw new IllegalArgumentException(field + ": a union of " + union.getTypes() + " has no single Trino type (only [null, T] has)");
        }
        return branches.get(0);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
