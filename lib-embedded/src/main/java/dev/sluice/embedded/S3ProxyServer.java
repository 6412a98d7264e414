package dev.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy serving the S3 API from this JVM, backed by jclouds' {@code transient} (memory) or
 * {@code filesystem} store. Not {@code filesystem-nio2}: its rename fails.
 */
public final class S3ProxyServer implements S3Service {

    private static final Logger log = LoggerFactory.getLogger(S3ProxyServer.class);
    private static final String ACCESS_KEY = "sluice-access";
    private static final String SECRET_KEY = "sluice-secret-key";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** A server on a free port: objects in memory when {@code directory} is null, else as plain files under it ({@code <dir>/<bucket>/<key>}). */
    public static S3ProxyServer start(Path directory) {
        return start(directory, Ports.free());
    }

    /** As {@link #start(Path)}, on {@code port}: with a closed server's port and directory, that server restarted. */
    public static S3ProxyServer start(Path directory, int port) {
        Properties overrides = new Properties();
        String provider = "transient";
        if (directory != null) {
            provider = "filesystem";
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create S3 directory " + directory, e);
            }
            overrides.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        }
        BlobStoreContext context = ContextBuilder.newBuilder(provider)
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides)
                .build(BlobStoreContext.class);
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            context.close();
            throw new IllegalStateException("could not start S3Proxy on " + endpoint + ": " + e, e);
        }
        log.info("In-JVM S3 server ({}) at {}", provider, endpoint);
        return new S3ProxyServer(proxy, context, endpoint);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    /** Its Jetty threads are not daemons: always stop, or the JVM will not exit. */
    @Override
    public void close() {
        stopQuietly(proxy);
        context.close();
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            log.warn("S3Proxy did not stop cleanly", e);
        }
    }
}
