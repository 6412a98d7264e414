package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Transform;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.batch.BatchInput;
import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchOutput;
import dev.sluice.batch.BatchResult;
import dev.sluice.batch.IcebergCatalog;
import dev.sluice.batch.S3Lake;
import dev.sluice.batch.SqlTransform;
import dev.sluice.catalog.trino.TrinoQuery;
import dev.sluice.catalog.trino.TrinoTables;
import dev.sluice.embedded.PinotCluster;
import dev.sluice.embedded.PostgresService;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.TrinoServer;
import dev.sluice.reference.model.ClickEvent;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.testkit.ServiceExtension;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Serving through Trino: a {@link BatchJob} writes a million clicks as Hive-layout Parquet and as
 * an Iceberg table (JDBC catalog on PostgreSQL); a real Trino server, run with the deployment's own
 * catalog files ({@code infra/serving/trino/catalog}), counts, sums and groups them exactly as the
 * Parquet footers and the generator's own arithmetic do, and sees a rerun of one date without
 * duplicates (Hive after a partition sync, Iceberg by its new snapshot).
 */
class TrinoServingIT {

    @RegisterExtension
    @Order(1)
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    @RegisterExtension
    @Order(2)
    static final ServiceExtension<PostgresService> POSTGRES = ServiceExtension.postgres();
    @RegisterExtension
    @Order(3)
    static final ServiceExtension<PinotCluster> PINOT = ServiceExtension.pinot();
    @RegisterExtension
    @Order(4) // its catalogs point at the three above
    static final ServiceExtension<TrinoServer> TRINO = ServiceExtension.trino("trino-lake",
            () -> LakeTrino.start(S3.get(), POSTGRES.get(), PINOT.get()));

    static final int N = 1_000_000;
    static final LocalDate FIRST = LocalDate.of(2026, 11, 20);
    static final long BASE = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    static final String RERUN_DAY = "2026-11-22";
    /** Click i: every half second from the first day on (six days), durations 0-19,999 ms; every one valid. */
    static final String GENERATE = "SELECT concat('e-', id) AS eventId, concat('u-', id % 311) AS userId, concat('s-', id div 20) AS sessionId, "
            + "element_at(array('/', '/products/1', '/cart', '/search?q=x'), CAST(id % 4 AS INT) + 1) AS url, "
            + "CAST(NULL AS STRING) AS referrer, 'Mozilla/5.0 (Windows NT 10.0)' AS userAgent, "
            + "element_at(array('DE', 'US', 'FR'), CAST(id % 3 AS INT) + 1) AS country, (id * 37) % 20000 AS durationMs, "
            + "timestamp_millis(" + BASE + " + id * 500) AS timestamp FROM range(" + N + ")";

    @Test
    void trinoCountsTheBatchOutputAsTheFilesAndTheGeneratorDoAndSeesARerunOnce() throws Exception {
        S3Service s3 = S3.get();
        PostgresService pg = POSTGRES.get();
        TrinoQuery trino = TrinoQuery.of(TRINO.get().jdbcUrl());
        Map<String, long[]> expected = expected();
        SparkSession spark = LocalSpark.start(S3Lake.of(s3.endpoint(), s3.accessKey(), s3.secretKey()), "local[2]", "trino-serving");
        try {
            spark.sql(GENERATE).write().mode("overwrite").parquet("s3a://" + LakeTrino.BUCKET + "/input/clicks");
            IcebergCatalog.jdbc("sluice", pg.jdbcUrl(), pg.username(), pg.password(), "s3a://" + LakeTrino.BUCKET + "/iceberg").register(spark);
            BatchJob hive = job(BatchOutput.parquet("s3a://" + LakeTrino.BUCKET + "/serving/clicks", "dt"));
            BatchJob iceberg = job(BatchOutput.iceberg("sluice.serving.clicks", "dt"));
            assertThat(hive.run(spark).out()).isEqualTo(N);
            assertThat(iceberg.run(spark).out()).isEqualTo(N);

            String location = "s3://" + LakeTrino.BUCKET + "/serving/";
            trino.execute(TrinoTables.createSchema("lake", "serving", location));
            trino.execute(TrinoTables.createExternalTable("lake.serving.clicks", EnrichedClick.getClassSchema(), List.of("dt"), location + "clicks/"));
            trino.execute(TrinoTables.syncPartitions("lake", "serving", "clicks"));
            assertThat(footerCounts()).as("rows per dt in the Parquet footers").isEqualTo(counts(expected));
            assertServes(trino, "lake.serving.clicks", expected);
            assertServes(trino, "iceberg.serving.clicks", expected);

            BatchResult rerun = hive.withWhere("to_date(timestamp) = '" + RERUN_DAY + "'").run(spark);
            BatchResult icebergRerun = iceberg.withWhere("to_date(timestamp) = '" + RERUN_DAY + "'").run(spark);
            assertThat(rerun.out()).isEqualTo(icebergRerun.out()).isEqualTo(expected.get(RERUN_DAY)[0]);
            trino.execute(TrinoTables.syncPartitions("lake", "serving", "clicks"));
            assertServes(trino, "lake.serving.clicks", expected);
            assertServes(trino, "iceberg.serving.clicks", expected);
            assertThat(trino.rows("SELECT operation FROM iceberg.serving.\"clicks$snapshots\" ORDER BY committed_at"))
                    .extracting(r -> r.get("operation")).containsExactly("append", "overwrite");
        } finally {
            spark.stop();
        }
    }

    /**
     * The reference pipeline's own tables, written by its own code: the raw zone by the S3 sink
     * (Parquet, dt/hr), the curated table by the daily batch. Registered with the statements of
     * {@code infra/serving/trino}, then every Trino query of the dashboards in {@code infra/} runs
     * and returns rows with the columns its card charts; the raw zone pushed into Pinot joins the
     * curated table in one Trino query (the pinot catalog).
     */
    @Test
    void everyTrinoStatementAndCardInInfraRunsOnTheTablesThePipelineWrote() throws Exception {
        S3Service s3 = S3.get();
        AppConfig.Lake lake = new AppConfig.Lake(LakeTrino.BUCKET, "us-east-1", s3.endpoint(), s3.accessKey(), Secret.of(s3.secretKey()));
        int clicks = 20_000;
        RawZoneFiles.write(lake, clicks);
        SparkSession spark = LocalSpark.start(S3Lake.of(s3.endpoint(), s3.accessKey(), s3.secretKey()), "local[2]", "trino-infra");
        long views = 0;
        try (LakeObjects objects = new LakeObjects(lake)) {
            for (LocalDate day : DailyBatch.days(objects)) {
                views += new DailyBatch(lake).curate(spark, day).views();
            }
        } finally {
            spark.stop();
        }
        assertThat(views).as("the curated table counts every click").isEqualTo(clicks);

        List<InfraQueries.Query> queries = InfraQueries.all(LakeTrino.BUCKET).stream().filter(q -> q.engine() == InfraQueries.Engine.TRINO).toList();
        assertThat(queries).as("Trino statements and cards in infra/").hasSizeGreaterThan(6);
        for (InfraQueries.Query q : queries) {
            TrinoQuery trino = TrinoQuery.of(TRINO.get().jdbcUrl() + (q.catalog() == null ? "" : "/" + q.catalog())
                    + (q.schema() == null ? "" : "/" + q.schema()));
            if (!q.returnsRows()) {
                trino.execute(q.sql());
                continue;
            }
            List<Map<String, Object>> rows = trino.rows(q.sql());
            assertThat(rows).as(q.toString()).isNotEmpty();
            List<String> columns = rows.get(0).keySet().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            assertThat(columns).as("the columns " + q + " charts").containsAll(q.charted().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
        }
        TrinoQuery trino = TrinoQuery.of(TRINO.get().jdbcUrl());
        assertThat(trino.single("SELECT count(*) FROM lake.raw.clicks")).as("the raw zone through Trino").isEqualTo(clicks);
        assertThat(trino.single("SELECT sum(views) FROM lake.curated.clicks_daily")).as("the curated table through Trino").isEqualTo(clicks);

        // One query over the lake and Pinot: the raw zone pushed into Pinot by the app's own step, per country beside the curated views.
        PinotTables pinot = new PinotTables(new AppConfig.Pinot(URI.create(PINOT.get().controllerUrl()), URI.create(PINOT.get().brokerUrl())));
        try (LakeObjects objects = new LakeObjects(lake)) {
            for (LocalDate day : DailyBatch.days(objects)) {
                assertThat(pinot.pushDay(objects, day).complete()).as("pushed " + day).isTrue();
            }
        }
        List<Map<String, Object>> joined = trino.rows("SELECT c.country, c.views, p.clicks FROM "
                + "(SELECT country, sum(views) AS views FROM lake.curated.clicks_daily GROUP BY country) c JOIN "
                + "(SELECT country, count(*) AS clicks FROM pinot.default." + PinotTables.OFFLINE + " WHERE \"timestamp\" < " + RawZoneFiles.endMicros(clicks)
                + " GROUP BY country) p ON c.country = p.country");   // the shared Pinot also holds other tests' days, all later
        assertThat(joined).as("countries in both").hasSize(3);
        joined.forEach(r -> assertThat(((Number) r.get("clicks")).longValue()).as("Pinot's clicks for " + r.get("country") + " = the lake's views")
                .isEqualTo(((Number) r.get("views")).longValue()));
        assertThat(joined.stream().mapToLong(r -> ((Number) r.get("clicks")).longValue()).sum()).isEqualTo(clicks);
    }

    /** The job under test: the app's own transform, a date column from the SQL step, partitioned by it. */
    private static BatchJob job(BatchOutput output) {
        Transform<GenericRecord, GenericRecord> enrich = new EnrichClicks().andThen(Transform.map(e -> (GenericRecord) e));
        return new BatchJob("trino-serving", BatchInput.parquet("s3a://" + LakeTrino.BUCKET + "/input/clicks"), ClickEvent.getClassSchema(), enrich,
                EnrichedClick.getClassSchema(), output, "s3a://" + LakeTrino.BUCKET + "/errors/serving",
                ErrorPolicies.defaults(), SqlTransform.of("SELECT *, date_format(timestamp, 'yyyy-MM-dd') AS dt FROM records"));
    }

    private static void assertServes(TrinoQuery trino, String table, Map<String, long[]> expected) {
        assertThat(trino.single("SELECT count(*) FROM " + table)).as(table + " count").isEqualTo(N);
        assertThat(trino.single("SELECT sum(durationMs) FROM " + table)).as(table + " sum")
                .isEqualTo(expected.values().stream().mapToLong(a -> a[1]).sum());
        Map<String, long[]> got = new TreeMap<>();
        for (Map<String, Object> r : trino.rows("SELECT dt, count(*) AS n, sum(durationMs) AS d FROM " + table + " GROUP BY dt")) {
            got.put((String) r.get("dt"), new long[] {((Number) r.get("n")).longValue(), ((Number) r.get("d")).longValue()});
        }
        assertThat(got).as(table + " per dt").containsOnlyKeys(expected.keySet());
        got.forEach((dt, v) -> assertThat(v).as(table + " " + dt).containsExactly(expected.get(dt)));
        Object last = trino.rows("SELECT max(\"timestamp\") AS t FROM " + table).get(0).get("t");
        assertThat(((java.sql.Timestamp) last).toInstant()).as(table + " latest click, microsecond column read as timestamp(6)")
                .isEqualTo(Instant.ofEpochMilli(BASE + (N - 1) * 500L));
    }

    /** Per dt: clicks and their total duration, from the generator's arithmetic alone. */
    private static Map<String, long[]> expected() {
        Map<String, long[]> byDay = new TreeMap<>();
        for (long i = 0; i < N; i++) {
            String dt = Instant.ofEpochMilli(BASE + i * 500).atOffset(ZoneOffset.UTC).toLocalDate().toString();
            long[] v = byDay.computeIfAbsent(dt, k -> new long[2]);
            v[0]++;
            v[1] += (i * 37) % 20_000;
        }
        return byDay;
    }

    private static Map<String, Long> counts(Map<String, long[]> expected) {
        Map<String, Long> counts = new TreeMap<>();
        expected.forEach((dt, v) -> counts.put(dt, v[0]));
        return counts;
    }

    private static Map<String, Long> footerCounts() throws Exception {
        S3Service s3 = S3.get();
        Map<String, Long> counts = new TreeMap<>();
        try (LakeObjects lake = new LakeObjects(new AppConfig.Lake(LakeTrino.BUCKET, "us-east-1", s3.endpoint(), s3.accessKey(),
                Secret.of(s3.secretKey())))) {
            for (String key : lake.parquet("serving/clicks/dt=")) {
                counts.putIfAbsent(RawZone.partitionValue(key, "dt"), 0L);
            }
            for (String dt : List.copyOf(counts.keySet())) {
                counts.put(dt, lake.contents("serving/clicks/dt=" + dt + "/").rows());
            }
        }
        return counts;
    }
}
