package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Transform;
import dev.sluice.embedded.PostgresService;
import dev.sluice.testkit.ServiceExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A BatchJob writing an Iceberg table on the in-JVM S3 server, with a Hadoop catalog and with a
 * JDBC catalog on a real PostgreSQL: created on the first run, one date replaced by a rerun in one
 * snapshot, every date's counts and sums as computed without Spark, read through Iceberg; and the
 * table read back as a job's input.
 */
class IcebergIT {

    @RegisterExtension
    static final ServiceExtension<SparkLake> LAKE = ServiceExtension.of("spark-lake", SparkLake::start);
    @RegisterExtension
    static final ServiceExtension<PostgresService> POSTGRES = ServiceExtension.of("postgres", PostgresService::start);
    private static final long N = 300_000;

    @Test
    void aJobCreatesTheTableAndARerunReplacesOneDateInOneSnapshot() {
        SparkSession spark = LAKE.get().spark;
        IcebergCatalog.hadoop("ice", "s3a://lake/iceberg").register(spark);
        createThenReplaceOneDate(spark, "ice.db.clicks", "clicks-iceberg");
        readsOneDateOfTheTableBack(spark, "ice.db.clicks", "clicks-from-iceberg");
    }

    @Test
    void withAJdbcCatalogTheTablePointerIsARowInTheDatabase() throws Exception {
        SparkSession spark = LAKE.get().spark;
        PostgresService pg = POSTGRES.get();
        IcebergCatalog.jdbc("icedb", pg.jdbcUrl(), pg.username(), pg.password(), "s3a://lake/iceberg-jdbc").register(spark);
        createThenReplaceOneDate(spark, "icedb.db.clicks", "clicks-iceberg-jdbc");
        // The catalog's commit is a row in PostgreSQL pointing at the table's current metadata file, on S3.
        try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT table_namespace, table_name, metadata_location FROM iceberg_tables WHERE catalog_name = 'icedb'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "." + rs.getString(2)).isEqualTo("db.clicks");
            assertThat(rs.getString(3)).startsWith("s3a://lake/iceberg-jdbc/db/clicks/metadata/").endsWith(".metadata.json");
            assertThat(rs.next()).isFalse();
        }
    }

    /** The table as a job's input: one date of its current snapshot, through the transforms into Parquet files. */
    private static void readsOneDateOfTheTableBack(SparkSession spark, String table, String name) {
        BatchJob job = BatchJob.of(name, BatchInput.iceberg(table).withWhere("dt = '2026-11-25'"), LakeClicks.OUT, Transform.map(r -> r),
                LakeClicks.OUT, BatchOutput.parquet("s3a://lake/" + name, "dt"), "s3a://lake/errors/" + name);
        long day = LakeClicks.expected(N).get("2026-11-25")[0];
        assertThat(job.run(spark)).isEqualTo(new BatchResult(day, day, 0));
        assertThat(spark.read().parquet("s3a://lake/" + name).groupBy("dt").count().collectAsList())
                .extracting(r -> r.get(0) + "=" + r.getLong(1)).containsExactly("2026-11-25=" + day);
        assertThat(job.graph().inputs()).extracting(d -> d.platform() + ":" + d.name()).containsExactly("iceberg:db.clicks");
    }

    private static void createThenReplaceOneDate(SparkSession spark, String table, String name) {
        LakeClicks.write(spark, N, "s3a://lake/input/" + name);
        BatchJob job = BatchJob.of(name, BatchInput.parquet("s3a://lake/input/" + name), LakeClicks.IN, new LakeClicks.ToLake(), LakeClicks.OUT,
                BatchOutput.iceberg(table, "dt"), "s3a://lake/errors/" + name);

        BatchResult first = job.run(spark);
        BatchResult rerun = job.withWhere("to_date(ts) = '2026-11-25'").run(spark);

        Map<String, long[]> expected = LakeClicks.expected(N);
        assertThat(first.out()).isEqualTo(expected.values().stream().mapToLong(a -> a[0]).sum());
        assertThat(rerun.out()).isEqualTo(expected.get("2026-11-25")[0]);
        Map<String, long[]> got = new TreeMap<>();
        for (Row r : spark.sql("SELECT dt, count(*), sum(amount_cents) FROM " + table + " GROUP BY dt").collectAsList()) {
            got.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
        }
        assertThat(got).containsOnlyKeys(expected.keySet());
        got.forEach((dt, sums) -> assertThat(sums).as(dt).containsExactly(expected.get(dt)));
        List<Row> snapshots = spark.sql("SELECT operation FROM " + table + ".snapshots ORDER BY committed_at").collectAsList();
        assertThat(snapshots).extracting(r -> r.getString(0)).containsExactly("append", "overwrite");
    }
}
