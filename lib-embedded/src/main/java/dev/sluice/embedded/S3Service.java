package dev.sluice.embedded;

import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * A real S3 API server: {@link S3ProxyServer} in this JVM here; lib-testkit adds MinIO in a container. Path-style
 * addressing, static credentials, loopback, random port.
 */
public interface S3Service extends AutoCloseable {

    /** The endpoint, for example {@code http://127.0.0.1:41234}. */
    URI endpoint();

    String accessKey();

    String secretKey();

    default Region region() {
        return Region.US_EAST_1;
    }

    /** An in-JVM server keeping objects in memory. */
    static S3Service start() {
        return S3ProxyServer.start(null);
    }

    /** An in-JVM server keeping objects as files under {@code directory} (survives a restart of the server). */
    static S3Service startOnDirectory(Path directory) {
        return S3ProxyServer.start(directory);
    }

    /**
     * An in-JVM server on {@code port} keeping objects under {@code directory}: with the port and
     * directory of a server that was closed, it is that server restarted (an outage, for tests).
     */
    static S3Service startOnDirectory(Path directory, int port) {
        return S3ProxyServer.start(directory, port);
    }

    /** A client for this server; the caller closes it. */
    default S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(region())
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(), secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates the bucket unless it exists. */
    default void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // already there
        }
    }

    @Override
    void close();
}
