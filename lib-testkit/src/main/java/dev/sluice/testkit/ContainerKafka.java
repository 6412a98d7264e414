package dev.sluice.testkit;

import dev.sluice.embedded.KafkaService;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Apache Kafka's own image in KRaft mode, for machines with Docker. */
final class ContainerKafka implements KafkaService {

    static final String IMAGE = "apache/kafka:4.3.1";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        KafkaContainer c = new KafkaContainer(DockerImageName.parse(IMAGE))
                .withEnv("KAFKA_LOG_RETENTION_MS", "-1"); // records stamped with fixed past dates must stay (see InJvmKafka)
        c.start();
        return new ContainerKafka(c);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
