package dev.sluice.reference;

import dev.sluice.api.Transform;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.batch.BatchInput;
import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchOutput;
import dev.sluice.batch.BatchResult;
import dev.sluice.batch.Compaction;
import dev.sluice.batch.SqlTransform;
import dev.sluice.reference.model.EnrichedClick;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The daily batch, one day at a time: {@link #compact} rewrites each of the day's raw-zone
 * {@code hr} partitions (the S3 sink's files) into one file; {@link #curate} aggregates the day's
 * clean clicks into the curated table {@code curated/clicks_daily} (Parquet, Hive layout by
 * {@code dt}) with a {@link BatchJob} and a SQL step. Both replace exactly the day they run for,
 * so a rerun or a backfill never duplicates.
 */
final class DailyBatch {

    static final String CURATED = "curated/clicks_daily";
    static final String ERRORS = "errors/clicks_daily";
    static final String AGGREGATE = "SELECT date_format(timestamp, 'yyyy-MM-dd') AS dt, pageCategory, country, count(*) AS views, "
            + "sum(durationMs) AS totalDurationMs, sum(CASE WHEN bounce THEN 1 ELSE 0 END) AS bounces FROM records "
            + "GROUP BY date_format(timestamp, 'yyyy-MM-dd'), pageCategory, country";

    /** What compacting a day did: rows rewritten, in how many {@code hr} partitions (one file each now). */
    record Compacted(long rows, int partitions) {}

    /** What curating a day did: the job's counts and the day's curated rows and views, read back from the table. */
    record Curated(BatchResult job, long rows, long views) {}

    private final AppConfig.Lake lake;

    DailyBatch(AppConfig.Lake lake) {
        this.lake = lake;
    }

    /** The days the raw zone holds ({@code dt=} prefixes), oldest first. */
    static List<LocalDate> days(LakeObjects objects) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (String key : objects.parquet(RawZone.TABLE + "/dt=")) {
            days.add(LocalDate.parse(RawZone.partitionValue(key, "dt")));
        }
        return List.copyOf(days);
    }

    /** The day's {@code hr} partitions, from the object listing. */
    private static List<String> hours(LakeObjects objects, LocalDate day) {
        TreeSet<String> hours = new TreeSet<>();
        for (String key : objects.parquet(RawZone.TABLE + "/dt=" + day + "/hr=")) {
            hours.add(RawZone.partitionValue(key, "hr"));
        }
        return List.copyOf(hours);
    }

    private String raw() {
        return lake.s3a(RawZone.TABLE);
    }

    /** Compacts each of the day's hours into one file. */
    Compacted compact(SparkSession spark, LakeObjects objects, LocalDate day) {
        long rows = 0;
        List<String> hours = hours(objects, day);
        for (String hr : hours) {
            Map<String, String> partition = new LinkedHashMap<>(); // the directories' order: dt=.../hr=...
            partition.put("dt", day.toString());
            partition.put("hr", hr);
            rows += new Compaction(raw(), "parquet", partition, 1).run(spark);
        }
        return new Compacted(rows, hours.size());
    }

    BatchJob job(LocalDate day) {
        return spec(BatchInput.parquet(raw() + "/dt=" + day));
    }

    /** Replaces the day's partition of the curated table. */
    Curated curate(SparkSession spark, LocalDate day) {
        BatchResult result = job(day).run(spark);
        Row totals = spark.read().parquet(lake.s3a(CURATED)).where("dt = '" + day + "'").selectExpr("count(*)", "sum(views)").first();
        return new Curated(result, totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1));
    }

    /** The job's datasets for lineage: the whole raw zone in, the curated table out (a day is a run, not a dataset). */
    PipelineGraph graph() {
        return spec(BatchInput.parquet(raw())).graph();
    }

    private BatchJob spec(BatchInput input) {
        // dt is a column of the SQL step's result, not of the records, hence the full constructor.
        return new BatchJob("clicks-daily", input, EnrichedClick.getClassSchema(), Transform.<GenericRecord, GenericRecord>map(r -> r),
                EnrichedClick.getClassSchema(), BatchOutput.parquet(lake.s3a(CURATED), "dt"), lake.s3a(ERRORS), ErrorPolicies.defaults(),
                SqlTransform.of(AGGREGATE));
    }
}
