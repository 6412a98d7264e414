package dev.sluice.testkit;

import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PostgresService;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;

/**
 * The services a test starts: in containers where {@link Docker#useContainers()}, else the real
 * services of sluice-embedded (Kafka through Kafka's own test kit, which starts faster than
 * {@link dev.sluice.embedded.KRaftBroker}). {@link ServiceExtension} shares one of each per run.
 */
public final class Services {

    private Services() {}

    public static KafkaService kafka() {
        return Docker.useContainers() ? ContainerKafka.start() : InJvmKafka.start();
    }

    /** An S3 server keeping objects in memory (MinIO in a container). */
    public static S3Service s3() {
        return Docker.useContainers() ? ContainerS3.start() : S3Service.start();
    }

    public static PostgresService postgres() {
        return Docker.useContainers() ? ContainerPostgres.start() : PostgresService.start();
    }

    public static SchemaRegistryService registry() {
        return Docker.useContainers() ? ContainerRegistry.start() : SchemaRegistryService.start();
    }
}
