package dev.sluice.testkit;

import dev.sluice.embedded.RegistryDistribution;
import dev.sluice.embedded.SchemaRegistryService;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** Apicurio Registry's image, for machines with Docker. */
final class ContainerRegistry implements SchemaRegistryService {

    static final String IMAGE = "apicurio/apicurio-registry:" + RegistryDistribution.VERSION;

    private final GenericContainer<?> container;

    private ContainerRegistry(GenericContainer<?> container) {
        this.container = container;
    }

    static ContainerRegistry start() {
        GenericContainer<?> c = new GenericContainer<>(IMAGE)
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200));
        c.start();
        return new ContainerRegistry(c);
    }

    @Override
    public String url() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(8080) + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        container.stop();
    }
}
