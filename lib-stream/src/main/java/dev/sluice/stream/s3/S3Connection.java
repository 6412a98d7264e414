package dev.sluice.stream.s3;

import dev.sluice.api.Require;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach an S3-compatible store: AWS itself (the default credentials chain: environment,
 * profile, web identity for IRSA, instance role) or any S3 API server through an endpoint override
 * and path-style addressing (MinIO, S3Proxy, Ceph).
 *
 * @param endpoint        the endpoint, or null for AWS's regional endpoint
 * @param region          the signing region
 * @param pathStyle       {@code http://host/bucket/key} instead of virtual-host style
 * @param accessKeyId     static credentials, or null for the default chain
 * @param secretAccessKey its secret; never shown by {@link #toString()}
 * @param maxConnections  HTTP connections in the client's pool (uploads run in parallel)
 */
public record S3Connection(URI endpoint, String region, boolean pathStyle, String accessKeyId, String secretAccessKey,
                           int maxConnections) implements Serializable {

    private static final long serialVersionUID = 1L;

    public S3Connection {
        Require.nonBlank(region, "region");
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("accessKeyId and secretAccessKey go together: give both or neither");
        }
        Require.atLeast(maxConnections, 1, "maxConnections");
    }

    /** AWS S3 in {@code region}, credentials from the default chain. */
    public static S3Connection aws(String region) {
        return new S3Connection(null, region, false, null, null, 16);
    }

    /** An S3 API server at {@code endpoint} with path-style addressing and static keys. */
    public static S3Connection compatible(URI endpoint, String accessKeyId, String secretAccessKey) {
        return new S3Connection(Require.nonNull(endpoint, "endpoint"), "us-east-1", true, accessKeyId, secretAccessKey, 16);
    }

    public S3Connection withEndpoint(URI v) {
        return new S3Connection(v, region, pathStyle, accessKeyId, secretAccessKey, maxConnections);
    }

    public S3Connection withPathStyle(boolean v) {
        return new S3Connection(endpoint, region, v, accessKeyId, secretAccessKey, maxConnections);
    }

    public S3Connection withStaticCredentials(String keyId, String secret) {
        return new S3Connection(endpoint, region, pathStyle, keyId, secret, maxConnections);
    }

    public S3Connection withMaxConnections(int v) {
        return new S3Connection(endpoint, region, pathStyle, accessKeyId, secretAccessKey, v);
    }

    /** A new client; the caller closes it. */
    public S3Client client() {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections)
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        return accessKeyId == null
                ? DefaultCredentialsProvider.create()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    @Override
    public String toString() {
        return "S3Connection[endpoint=" + (endpoint == null ? "aws" : endpoint) + ", region=" + region + ", pathStyle=" + pathStyle
                + ", credentials=" + (accessKeyId == null ? "default chain" : "static " + accessKeyId + "/****") + "]";
    }
}
