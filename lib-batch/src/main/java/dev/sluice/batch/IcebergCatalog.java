package dev.sluice.batch;

import dev.sluice.api.Require;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * An Iceberg catalog for a Spark session (Iceberg 1.11, {@code iceberg-spark-runtime-4.1_2.13} on
 * the cluster's classpath). Tables in it give {@link BatchJob} snapshot isolation: a run's
 * partitions replace the old ones in one atomic commit, and readers see the table before or after,
 * never in between.
 *
 * @param name       the catalog's name in Spark SQL ({@code lake} makes tables {@code lake.db.table})
 * @param properties the catalog's settings without the {@code spark.sql.catalog.<name>.} prefix:
 *                   {@code type=jdbc, uri=jdbc:postgresql://..., warehouse=s3a://...} for a JDBC
 *                   catalog (safe with concurrent writers), {@code type=hadoop, warehouse=...} for a
 *                   Hadoop catalog (its commits rename files: one writer at a time on S3)
 */
public record IcebergCatalog(String name, Map<String, String> properties) {

    public IcebergCatalog {
        Require.nonBlank(name, "name");
        properties = Map.copyOf(Require.nonNull(properties, "properties"));
        Require.nonBlank(properties.get("type"), "properties.type");
    }

    /** A Hadoop catalog: table metadata under {@code warehouse}. */
    public static IcebergCatalog hadoop(String name, String warehouse) {
        return new IcebergCatalog(name, Map.of("type", "hadoop", "warehouse", Require.nonBlank(warehouse, "warehouse")));
    }

    /**
     * A JDBC catalog: table pointers in a database ({@code jdbc:postgresql://...}; Iceberg creates
     * its tables there on first use and commits by a conditional update, so concurrent writers are
     * safe), table data and metadata under {@code warehouse}. The driver must be on the classpath.
     */
    public static IcebergCatalog jdbc(String name, String uri, String user, String password, String warehouse) {
        return new IcebergCatalog(name, Map.of("type", "jdbc", "uri", Require.nonBlank(uri, "uri"), "jdbc.user", Require.nonNull(user, "user"),
                "jdbc.password", Require.nonNull(password, "password"), "warehouse", Require.nonBlank(warehouse, "warehouse")));
    }

    /** Adds the catalog and Iceberg's SQL extensions to a session being built. */
    public SparkSession.Builder configure(SparkSession.Builder b) {
        b.config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog." + name, "org.apache.iceberg.spark.SparkCatalog");
        properties.forEach((k, v) -> b.config("spark.sql.catalog." + name + "." + k, v));
        return b;
    }

    /**
     * Registers the catalog in a running session (catalogs load lazily by name). Iceberg's SQL
     * extensions (procedures, MERGE) need {@link #configure} at build time; writes do not.
     */
    public void register(SparkSession spark) {
        spark.conf().set("spark.sql.catalog." + name, "org.apache.iceberg.spark.SparkCatalog");
        properties.forEach((k, v) -> spark.conf().set("spark.sql.catalog." + name + "." + k, v));
    }

    @Override
    public String toString() {
        return "IcebergCatalog[" + name + ", type=" + properties.get("type") + "]"; // jdbc properties may hold a password
    }
}
