package dev.sluice.batch;

import dev.sluice.embedded.S3Service;
import dev.sluice.testkit.Services;
import org.apache.spark.sql.SparkSession;

/**
 * Spark local (2 cores, UTC, no UI) on the in-JVM S3 server with a bucket {@code lake}, configured
 * by {@link S3Lake}: one per test JVM, shared through {@code ServiceExtension.of("spark-lake", SparkLake::start)}.
 */
final class SparkLake implements AutoCloseable {

    final S3Service s3;
    final SparkSession spark;

    private SparkLake(S3Service s3, SparkSession spark) {
        this.s3 = s3;
        this.spark = spark;
    }

    static SparkLake start() {
        S3Service s3 = Services.s3();
        s3.createBucket("lake");
        SparkSession spark = S3Lake.of(s3.endpoint(), s3.accessKey(), s3.secretKey())
                .configure(SparkSession.builder().master("local[2]").appName("sluice-batch-tests")
                        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                        .config("spark.sql.shuffle.partitions", "4"))
                .getOrCreate();
        return new SparkLake(s3, spark);
    }

    @Override
    public void close() {
        spark.stop();
        s3.close();
    }
}
