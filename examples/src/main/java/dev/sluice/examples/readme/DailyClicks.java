package dev.sluice.examples.readme;

import dev.sluice.api.Transform;
import dev.sluice.batch.BatchInput;
import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchOutput;
import dev.sluice.batch.BatchResult;
import dev.sluice.batch.S3Lake;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;

/** README, "Spark": one day of the raw zone's clicks through the same transform into a curated table. */
final class DailyClicks {

    private DailyClicks() {}

    static BatchResult run() {
        // snippet:start
        SparkSession spark = S3Lake.aws().configure(SparkSession.builder().appName("daily")).getOrCreate();
        BatchResult r = BatchJob.of("clicks-daily", BatchInput.parquet("s3a://lake/raw/clicks"), ClickEvent.getClassSchema(),
                        Transform.<GenericRecord>filter(EnrichClicks::isHuman).andThen(new EnrichClicks()),
                        EnrichedClick.getClassSchema(), BatchOutput.parquet("s3a://lake/curated/clicks", "country"), "s3a://lake/errors/clicks")
                .withWhere("to_date(timestamp) = '2026-11-24'")
                .run(spark);                                                  // r.in(), r.out(), r.failed()
        // snippet:end
        return r;
    }
}
