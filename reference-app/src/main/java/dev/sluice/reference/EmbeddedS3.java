package dev.sluice.reference;

import dev.sluice.testkit.Ports;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The app's embedded S3: S3Proxy serving the S3 API on loopback, objects kept as plain files under
 * a local directory ({@code <dir>/<bucket>/<key>}), so the lake can be looked at after the run.
 */
final class EmbeddedS3 implements AutoCloseable {

    static final String ACCESS_KEY = "sluice-demo";
    static final String SECRET_KEY = "sluice-demo-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    static EmbeddedS3 start(Path directory, String bucket) throws Exception {
        Files.createDirectories(directory);
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials(ACCESS_KEY, SECRET_KEY).overrides(overrides)
                .build(BlobStoreContext.class);
        URI endpoint = URI.create("http://127.0.0.1:" + Ports.free());
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).ignoreUnknownHeaders(true).build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
            context.getBlobStore().createContainerInLocation(null, bucket);
        } catch (Exception e) {
            proxy.stop();
            context.close();
            throw e;
        }
        return new EmbeddedS3(proxy, context, endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    /** S3Proxy's Jetty threads are not daemons: always close. */
    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
