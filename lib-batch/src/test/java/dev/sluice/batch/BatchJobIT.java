package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.S3Service;
import dev.sluice.testkit.ServiceExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A BatchJob with Spark local against the in-JVM S3 server: 1,000,000 clicks in, partitioned
 * Parquet out whose counts and sums per date match figures computed without Spark, read back with
 * parquet-avro from the raw objects; failures in the errors table; a rerun of one date replaces it.
 */
class BatchJobIT {

    private static final long N = 1_000_000;
    @RegisterExtension
    static final ServiceExtension<SparkLake> LAKE = ServiceExtension.of("spark-lake", SparkLake::start);
    private static S3Service s3;
    private static SparkSession spark;

    @BeforeAll
    static void input() {
        s3 = LAKE.get().s3;
        spark = LAKE.get().spark;
        LakeClicks.write(spark, N, "s3a://lake/input/clicks");
    }

    private static BatchJob job() {
        return BatchJob.of("clicks-to-lake", BatchInput.parquet("s3a://lake/input/clicks"), LakeClicks.IN, new LakeClicks.ToLake(), LakeClicks.OUT,
                BatchOutput.parquet("s3a://lake/curated/clicks", "dt"), "s3a://lake/errors/clicks");
    }

    @Test
    void aSqlStepAggregatesTheTransformedRecords() throws Exception {
        BatchResult result = BatchJob.of("clicks-daily", BatchInput.parquet("s3a://lake/input/clicks"), LakeClicks.IN, new LakeClicks.ToLake(), LakeClicks.OUT,
                        BatchOutput.parquet("s3a://lake/curated/clicks_daily", "dt"), "s3a://lake/errors/clicks_daily")
                .withSql(SqlTransform.of("SELECT dt, country, count(*) AS clicks, sum(amount_cents) AS amount_cents FROM records GROUP BY dt, country"))
                .run(spark);
        assertThat(result.failed()).isEqualTo(10);
        Map<String, long[]> got = new TreeMap<>();
        for (LakeFiles.Part p : LakeFiles.read(s3, "lake", "curated/clicks_daily/")) {
            for (var r : p.rows()) {
                long[] acc = got.computeIfAbsent(p.dt(), k -> new long[2]);
                acc[0] += (Long) r.get("clicks");
                acc[1] += (Long) r.get("amount_cents");
            }
        }
        Map<String, long[]> expected = LakeClicks.expected(N);
        assertThat(got).containsOnlyKeys(expected.keySet());
        got.forEach((dt, sums) -> assertThat(sums).as(dt).containsExactly(expected.get(dt)));
    }

    @Test
    void aNullWhereTheSchemaAllowsNoneIsADeadLetterNamingTheFieldNeverADefault() throws Exception {
        spark.range(0, 4, 1, 1).selectExpr("id", "CASE WHEN id = 2 THEN NULL ELSE concat('u-', id) END AS user",
                        "CASE WHEN id = 3 THEN NULL ELSE 1.5D END AS amount", "'DE' AS country", "timestamp_seconds(" + LakeClicks.DAY0 + ") AS ts")
                .write().mode("overwrite").parquet("s3a://lake/input/with-nulls");
        BatchResult result = BatchJob.of("with-nulls", BatchInput.parquet("s3a://lake/input/with-nulls"), LakeClicks.IN, new LakeClicks.ToLake(), LakeClicks.OUT,
                BatchOutput.parquet("s3a://lake/curated/with-nulls", "dt"), "s3a://lake/errors/with-nulls").run(spark);
        assertThat(result).isEqualTo(new BatchResult(4, 1, 2)); // id 0 is every 50th: dropped by the transform
        assertThat(LakeFiles.readAvro(s3, "lake", "errors/with-nulls/")).extracting(r -> r.get("stage") + ": " + r.get("reason"))
                .containsExactlyInAnyOrder("deserialize: DataException: column user is null, and field user of dev.sluice.batch.test.Click is not nullable",
                        "deserialize: DataException: column amount is null, and field amount of dev.sluice.batch.test.Click is not nullable");
    }

    @Test
    void aMillionClicksBecomePartitionedParquetWhoseCountsAndSumsMatchAndARerunOfOneDateReplacesIt() throws Exception {
        BatchResult result = job().run(spark);
        Map<String, long[]> expected = LakeClicks.expected(N);
        long out = expected.values().stream().mapToLong(a -> a[0]).sum();
        assertThat(result).isEqualTo(new BatchResult(N, out, 10));

        List<LakeFiles.Part> parts = LakeFiles.read(s3, "lake", "curated/clicks/");
        assertThat(LakeFiles.byDate(parts)).containsOnlyKeys(expected.keySet());
        LakeFiles.byDate(parts).forEach((dt, got) -> assertThat(got).as(dt).containsExactly(expected.get(dt)));
        assertThat(parts.get(0).schema().getType("ts").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(parts.stream().flatMap(p -> p.rows().stream()).map(r -> (Long) r.get("id")).distinct().count()).isEqualTo(out);

        assertThat(LakeFiles.readAvro(s3, "lake", "errors/clicks/")).hasSize(10).allSatisfy(r -> {
            assertThat(r.get("stage")).hasToString("transform");
            assertThat(r.get("reason").toString()).startsWith("DataException: id ").endsWith("fails the amount check");
            String id = r.get("reason").toString().replaceAll("\\D+(\\d+).*", "$1");
            assertThat(Long.parseLong(id) % 100_000).isEqualTo(7);
            assertThat(r.get("record").toString()).contains("\"id\": " + id + ",").contains("\"amount\": 1.75");
            assertThat(r.get("source").toString()).startsWith("clicks-to-lake/part-");
        });

        Set<String> otherDays = parts.stream().filter(p -> !p.dt().equals("2026-11-25")).map(LakeFiles.Part::key).collect(Collectors.toSet());
        BatchResult rerun = job().withWhere("to_date(ts) = '2026-11-25'").run(spark);
        assertThat(rerun.out()).isEqualTo(expected.get("2026-11-25")[0]);
        List<LakeFiles.Part> after = LakeFiles.read(s3, "lake", "curated/clicks/");
        LakeFiles.byDate(after).forEach((dt, got) -> assertThat(got).as("after the rerun, %s", dt).containsExactly(expected.get(dt)));
        assertThat(after.stream().filter(p -> !p.dt().equals("2026-11-25")).map(LakeFiles.Part::key).collect(Collectors.toSet()))
                .as("the other dates' files are untouched").isEqualTo(otherDays);
    }
}
