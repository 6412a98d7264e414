package dev.sluice.reference;

import dev.sluice.embedded.PinotCluster;
import dev.sluice.embedded.PostgresService;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.TrinoServer;
import java.net.URI;
import java.util.Map;

/** The tests' Trino: the embedded default's ({@link EmbeddedTrino}) over the testkit's S3 server, PostgreSQL and Pinot. */
final class LakeTrino {

    static final String BUCKET = "serving";

    private LakeTrino() {}

    static TrinoServer start(S3Service s3, PostgresService pg, PinotCluster pinot) {
        s3.createBucket(BUCKET);
        Map<String, String> env = EmbeddedTrino.environment(BUCKET, s3.endpoint(), s3.accessKey(), s3.secretKey(), pg,
                URI.create(pinot.controllerUrl()).getAuthority());
        return TrinoServer.start(EmbeddedTrino.catalogs(env), env);
    }
}
