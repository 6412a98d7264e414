package dev.sluice.batch;

import dev.sluice.api.Require;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a {@link BatchJob} reads: a table of Parquet or Avro files under a path (the S3 sink's
 * output included), or an Iceberg table by its catalog name, optionally filtered. Immutable.
 *
 * @param format   how the table is stored
 * @param location the table's path ({@code s3a://lake/raw/clicks}), or for {@link Format#ICEBERG}
 *                 its name in a Spark catalog ({@code <catalog>.<db>.<table>}, see {@link IcebergCatalog})
 * @param where    a Spark SQL filter on the rows (one date, say); null for all
 */
public record BatchInput(Format format, String location, String where) {

    /** How an input table is stored. */
    public enum Format { PARQUET, AVRO, ICEBERG }

    public BatchInput {
        Require.nonNull(format, "format");
        Require.nonBlank(location, "location");
    }

    /** Parquet files under {@code path}, all rows. */
    public static BatchInput parquet(String path) {
        return new BatchInput(Format.PARQUET, path, null);
    }

    /** Avro container files under {@code path}, all rows. */
    public static BatchInput avro(String path) {
        return new BatchInput(Format.AVRO, path, null);
    }

    /** The Iceberg table {@code table} ({@code <catalog>.<db>.<table>}), its current snapshot, all rows. */
    public static BatchInput iceberg(String table) {
        return new BatchInput(Format.ICEBERG, table, null);
    }

    /** Only the rows {@code filter} (Spark SQL) keeps; null for all. */
    public BatchInput withWhere(String filter) {
        return new BatchInput(format, location, filter);
    }

    /** The rows, as Spark reads them. */
    Dataset<Row> read(SparkSession spark) {
        Dataset<Row> rows = switch (format) {
            case PARQUET -> spark.read().parquet(location);
            case AVRO -> spark.read().format("avro").load(location);
            case ICEBERG -> spark.read().table(location);
        };
        return where == null ? rows : rows.where(where);
    }
}
