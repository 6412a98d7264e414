package dev.sluice.reference;

import dev.sluice.testkit.PostgresService;
import dev.sluice.testkit.S3Service;
import dev.sluice.testkit.TrinoServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The testkit's Trino with the deployment's catalog files ({@code infra/serving/trino/catalog}),
 * unchanged: only the environment points them at this run's S3 server and PostgreSQL, as a
 * deployment's environment points them at AWS.
 */
final class LakeTrino {

    static final String BUCKET = "serving";
    static final Path CATALOGS = Path.of("..", "infra", "serving", "trino", "catalog");

    private LakeTrino() {}

    static TrinoServer start(S3Service s3, PostgresService pg) {
        s3.createBucket(BUCKET);
        return TrinoServer.start(TrinoServer.catalogs(CATALOGS), Map.of(
                "SLUICE_S3_BUCKET", BUCKET,
                "SLUICE_S3_ENDPOINT", s3.endpoint().toString(),
                "SLUICE_S3_PATH_STYLE", "true",
                "AWS_REGION", s3.region().id(),
                "AWS_ACCESS_KEY_ID", s3.accessKey(),
                "AWS_SECRET_ACCESS_KEY", s3.secretKey(),
                "SLUICE_ICEBERG_JDBC_URL", pg.jdbcUrl(),
                "SLUICE_ICEBERG_JDBC_USER", pg.username(),
                "SLUICE_ICEBERG_JDBC_PASSWORD", pg.password()));
    }
}
