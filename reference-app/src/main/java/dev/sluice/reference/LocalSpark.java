package dev.sluice.reference;

import dev.sluice.batch.S3Lake;
import java.net.URI;
import org.apache.spark.sql.SparkSession;

/** Spark local on two cores over an S3 endpoint, as the demo's batch (and its tests) run it. */
final class LocalSpark {

    private LocalSpark() {}

    static SparkSession start(URI s3, String accessKey, String secretKey, String app) {
        return S3Lake.of(s3, accessKey, secretKey)
                .configure(SparkSession.builder().master("local[2]").appName(app)
                        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                        .config("spark.sql.shuffle.partitions", "4")
                        // hr=07 stays "07": compaction writes a partition back under the name it read
                        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false"))
                .getOrCreate();
    }
}
