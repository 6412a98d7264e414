package dev.sluice.catalog.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.catalog.ThreeStagePipeline;
import dev.sluice.testkit.Docker;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The REST emitter against a real DataHub: GMS from DataHub's own quickstart compose file (fetched
 * at the pinned release, not copied here), with MySQL, Elasticsearch and Kafka. Where no Docker
 * engine answers it is skipped: {@link RestEmitterTest} checks the same requests against
 * {@link FakeGms} in every build. It has never run on the machines Sluice is built on (no Docker).
 */
class DataHubContainerIT {

    static final String DATAHUB_VERSION = "v1.0.0";
    static final String COMPOSE = "https://raw.githubusercontent.com/datahub-project/datahub/" + DATAHUB_VERSION
            + "/docker/quickstart/docker-compose-without-neo4j.quickstart.yml";

    @Test
    void gmsTakesTheSeedPipelinesProposalsAndPatchesKeepOthersEdges(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Docker.available(), "no Docker engine: RestEmitterTest runs the same requests against FakeGms");
        Path compose = dir.resolve("docker-compose.yml");
        try (InputStream in = URI.create(COMPOSE).toURL().openStream()) {
            Files.copy(in, compose, StandardCopyOption.REPLACE_EXISTING);
        }
        ComposeContainer datahub = new ComposeContainer(compose.toFile())
                .withEnv("DATAHUB_VERSION", DATAHUB_VERSION)
                .withExposedService("datahub-gms", 8080, Wait.forHttp("/health").withStartupTimeout(Duration.ofMinutes(10)));
        datahub.start();
        try {
            String gms = "http://" + datahub.getServiceHost("datahub-gms", 8080) + ":" + datahub.getServicePort("datahub-gms", 8080);
            String clean = ThreeStagePipeline.CLEAN.urn();
            String foreign = "urn:li:dataset:(urn:li:dataPlatform:kafka,someone-elses-topic,PROD)";
            try (RestEmitter emitter = new RestEmitter(DataHubRestConfig.of(gms))) {
                // Another tool's lineage on the same dataset, before Sluice emits its own.
                ObjectNode theirs = Proposal.JSON.createObjectNode();
                theirs.putArray("upstreams").addObject().put("dataset", foreign).put("type", "TRANSFORMED")
                        .putObject("auditStamp").put("time", 0).put("actor", "urn:li:corpuser:other");
                emitter.emit(List.of(Proposal.upsert(clean, "upstreamLineage", theirs)));
                emitter.emit(GraphProposalsTest.threeStage());
            }
            JsonNode lineage = aspect(gms, clean, "upstreamLineage");
            Set<String> upstreams = new TreeSet<>();
            lineage.findValues("upstreams").forEach(list -> list.forEach(u -> upstreams.add(u.get("dataset").asText())));
            assertThat(upstreams).containsExactlyInAnyOrder(ThreeStagePipeline.RAW.urn(), foreign);
            JsonNode schema = aspect(gms, ThreeStagePipeline.RAW.urn(), "schemaMetadata");
            assertThat(schema.findValuesAsText("fieldPath")).contains("userId", "device.os", "tags");
        } finally {
            datahub.stop();
        }
    }

    /** Rest.li's aspect read: {@code GET /aspects/<urn>?aspect=<name>&version=0}. */
    private static JsonNode aspect(String gms, String urn, String name) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(gms + "/aspects/" + URLEncoder.encode(urn, StandardCharsets.UTF_8)
                        + "?aspect=" + name + "&version=0"))
                .header("X-RestLi-Protocol-Version", "2.0.0").GET().build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Proposal.JSON.readTree(r.body());
    }
}
