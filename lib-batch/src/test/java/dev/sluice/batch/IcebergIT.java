package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ServiceExtension;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A BatchJob writing an Iceberg table (Hadoop catalog on the in-JVM S3 server): created on the
 * first run, one date replaced by a rerun in one snapshot, every date's counts and sums as computed
 * without Spark, read through Iceberg.
 */
class IcebergIT {

    @RegisterExtension
    static final ServiceExtension<SparkLake> LAKE = ServiceExtension.of("spark-lake", SparkLake::start);
    private static final long N = 300_000;

    @Test
    void aJobCreatesTheTableAndARerunReplacesOneDateInOneSnapshot() {
        SparkSession spark = LAKE.get().spark;
        IcebergCatalog.hadoop("ice", "s3a://lake/iceberg").register(spark);
        LakeClicks.write(spark, N, "s3a://lake/input/clicks-iceberg");
        BatchJob job = BatchJob.of("clicks-iceberg", "s3a://lake/input/clicks-iceberg", LakeClicks.IN, new LakeClicks.ToLake(), LakeClicks.OUT,
                "iceberg:ice.db.clicks", List.of("dt"), "s3a://lake/errors/clicks-iceberg");

        BatchResult first = job.run(spark);
        BatchResult rerun = job.withWhere("to_date(ts) = '2026-11-25'").run(spark);

        Map<String, long[]> expected = LakeClicks.expected(N);
        assertThat(first.out()).isEqualTo(expected.values().stream().mapToLong(a -> a[0]).sum());
        assertThat(rerun.out()).isEqualTo(expected.get("2026-11-25")[0]);
        Map<String, long[]> got = new TreeMap<>();
        for (Row r : spark.sql("SELECT dt, count(*), sum(amount_cents) FROM ice.db.clicks GROUP BY dt").collectAsList()) {
            got.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
        }
        assertThat(got).containsOnlyKeys(expected.keySet());
        got.forEach((dt, sums) -> assertThat(sums).as(dt).containsExactly(expected.get(dt)));
        List<Row> snapshots = spark.sql("SELECT operation FROM ice.db.clicks.snapshots ORDER BY committed_at").collectAsList();
        assertThat(snapshots).extracting(r -> r.getString(0)).containsExactly("append", "overwrite");
    }
}
