package dev.sluice.batch;

import dev.sluice.api.Require;
import java.net.URI;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings for a lake on S3 or an S3-compatible store: S3A with an endpoint (path-style
 * for MinIO and local servers), and the S3A <em>partitioned staging committer</em> in
 * {@code replace} conflict mode, so a job atomically replaces exactly the partitions it writes
 * (a rerun of one date replaces that date and leaves the others) without S3 renames.
 *
 * @param endpoint  the S3 endpoint; null for AWS's own
 * @param accessKey static credentials; null to use the default AWS credentials chain
 * @param secretKey static credentials; null to use the default AWS credentials chain
 */
public record S3Lake(URI endpoint, String accessKey, String secretKey) {

    public S3Lake {
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("give both accessKey and secretKey, or neither");
        }
    }

    /** AWS S3 with the default credentials chain (instance profile, IRSA, environment). */
    public static S3Lake aws() {
        return new S3Lake(null, null, null);
    }

    public static S3Lake of(URI endpoint, String accessKey, String secretKey) {
        return new S3Lake(Require.nonNull(endpoint, "endpoint"), Require.nonBlank(accessKey, "accessKey"), Require.nonBlank(secretKey, "secretKey"));
    }

    /** Adds the S3A and committer settings to a session being built. */
    public SparkSession.Builder configure(SparkSession.Builder b) {
        if (endpoint != null) {
            b.config("spark.hadoop.fs.s3a.endpoint", endpoint.toString())
                    .config("spark.hadoop.fs.s3a.path.style.access", "true")
                    .config("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString("https".equals(endpoint.getScheme())))
                    .config("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
        }
        if (accessKey != null) {
            b.config("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
                    .config("spark.hadoop.fs.s3a.access.key", accessKey)
                    .config("spark.hadoop.fs.s3a.secret.key", secretKey);
        }
        return b.config("spark.hadoop.fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
                .config("spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a", "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory")
                .config("spark.hadoop.fs.s3a.committer.name", "partitioned")
                .config("spark.hadoop.fs.s3a.committer.staging.conflict-mode", "replace")
                .config("spark.sql.sources.commitProtocolClass", "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol")
                .config("spark.sql.parquet.output.committer.class", "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    }

    @Override
    public String toString() {
        return "S3Lake[" + (endpoint == null ? "aws" : endpoint) + (accessKey == null ? ", default credentials" : ", static credentials") + "]";
    }
}
