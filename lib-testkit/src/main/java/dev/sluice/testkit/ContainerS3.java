package dev.sluice.testkit;

import dev.sluice.embedded.S3Service;
import java.net.URI;
import org.testcontainers.containers.MinIOContainer;

/** MinIO, for machines with Docker. */
final class ContainerS3 implements S3Service {

    static final String IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

    private final MinIOContainer container;

    private ContainerS3(MinIOContainer container) {
        this.container = container;
    }

    static ContainerS3 start() {
        MinIOContainer c = new MinIOContainer(IMAGE);
        c.start();
        return new ContainerS3(c);
    }

    @Override
    public URI endpoint() {
        return URI.create(container.getS3URL());
    }

    @Override
    public String accessKey() {
        return container.getUserName();
    }

    @Override
    public String secretKey() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
