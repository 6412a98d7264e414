package dev.sluice.reference;

import dev.sluice.batch.S3Lake;
import org.apache.spark.sql.SparkSession;

/** Spark in this process (the demo on two cores, a batch pod on its own) over the lake's S3. */
final class LocalSpark {

    private LocalSpark() {}

    static SparkSession start(S3Lake lake, String master, String app) {
        return lake.configure(SparkSession.builder().master(master).appName(app)
                        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                        .config("spark.sql.shuffle.partitions", "4")
                        // hr=07 stays "07": compaction writes a partition back under the name it read
                        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false"))
                .getOrCreate();
    }
}
