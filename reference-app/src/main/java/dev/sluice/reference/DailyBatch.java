package dev.sluice.reference;

import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchResult;
import dev.sluice.batch.Compaction;
import dev.sluice.batch.SqlTransform;
import dev.sluice.core.Transform;
import dev.sluice.core.error.ErrorPolicies;
import dev.sluice.core.graph.PipelineGraph;
import dev.sluice.reference.model.EnrichedClick;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The daily batch on Spark local: compacts each raw-zone partition the S3 sink wrote into one file,
 * then aggregates the clean clicks into the curated table {@code s3://lake/curated/clicks_daily}
 * (Parquet, Hive layout by {@code dt}) with a {@link BatchJob} and a SQL step.
 */
final class DailyBatch {

    static final String RAW = "s3a://" + RawZone.BUCKET + "/" + RawZone.TABLE;
    static final String CURATED = "s3a://" + RawZone.BUCKET + "/curated/clicks_daily";
    static final String AGGREGATE = "SELECT date_format(timestamp, 'yyyy-MM-dd') AS dt, pageCategory, country, count(*) AS views, "
            + "sum(durationMs) AS totalDurationMs, sum(CASE WHEN bounce THEN 1 ELSE 0 END) AS bounces FROM records "
            + "GROUP BY date_format(timestamp, 'yyyy-MM-dd'), pageCategory, country";

    /** What the batch did. */
    record Result(long compactedRows, int compactedPartitions, BatchResult job, long curatedRows, long curatedViews) {}

    private DailyBatch() {}

    static BatchJob job() {
        // dt is a column of the SQL step's result, not of the records, hence the full constructor.
        return new BatchJob("clicks-daily", RAW, "parquet", null, EnrichedClick.getClassSchema(), Transform.<GenericRecord, GenericRecord>map(r -> r),
                EnrichedClick.getClassSchema(), CURATED, List.of("dt"), "s3a://" + RawZone.BUCKET + "/errors/clicks_daily",
                ErrorPolicies.defaults(), SqlTransform.of(AGGREGATE));
    }

    static PipelineGraph graph() {
        return job().graph();
    }

    static Result run(EmbeddedS3 s3, PrintStream out) {
        SparkSession spark = LocalSpark.start(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "sluice-daily-batch");
        try {
            long compacted = 0;
            List<Row> partitions = spark.read().parquet(RAW).select("dt", "hr").distinct().collectAsList();
            for (Row p : partitions) {
                Map<String, String> partition = new LinkedHashMap<>(); // the directories' order: dt=.../hr=...
                partition.put("dt", p.getString(0));
                partition.put("hr", p.getString(1));
                compacted += new Compaction(RAW, "parquet", partition, 1).run(spark);
            }
            BatchResult result = job().run(spark);
            Row totals = spark.read().parquet(CURATED).selectExpr("count(*)", "sum(views)").first();
            return new Result(compacted, partitions.size(), result, totals.getLong(0), totals.isNullAt(1) ? 0 : totals.getLong(1));
        } finally {
            spark.stop();
        }
    }
}
