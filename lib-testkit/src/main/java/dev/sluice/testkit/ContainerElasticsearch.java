package dev.sluice.testkit;

import dev.sluice.embedded.SearchService;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Elasticsearch 9 in Testcontainers, single node, security off, for the tests that run against
 * OpenSearch everywhere to run against Elastic's own server too where Docker answers. Never run on
 * the machines this project is built on (no Docker engine there).
 */
final class ContainerElasticsearch implements SearchService {

    static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:9.2.0";

    private final GenericContainer<?> container;

    private ContainerElasticsearch(GenericContainer<?> container) {
        this.container = container;
    }

    static ContainerElasticsearch start() {
        GenericContainer<?> c = new GenericContainer<>(IMAGE)
                .withEnv("discovery.type", "single-node")
                .withEnv("xpack.security.enabled", "false")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withExposedPorts(9200)
                .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        c.start();
        return new ContainerElasticsearch(c);
    }

    @Override
    public String url() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(9200);
    }

    @Override
    public void close() {
        container.stop();
    }
}
