package dev.sluice.catalog.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import dev.sluice.catalog.ThreeStagePipeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same facts as OpenLineage run events, through openlineage-java's file transport (one event per line). */
class OpenLineageLineageTest {

    @Test
    void aRunIsAStartAndACompleteEventWithDatasetsSchemasAndRowCount(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("openlineage.ndjson");
        OpenLineageClient client = new OpenLineageClient(new FileTransport(new FileConfig(file.toString())));
        OpenLineageNaming naming = OpenLineageNaming.of("sluice").withNamespace("kafka", "kafka://broker-1:9092");
        Run run = Run.start(ThreeStagePipeline.STREAM, true);
        try (OpenLineageLineage lineage = new OpenLineageLineage(client, naming, 100, new SimpleMeterRegistry())) {
            lineage.started(run);
            lineage.finished(run, Outcome.SUCCESS, Map.of("records.in", 100L, "records.out", 97L, "records.dead_lettered", 3L));
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(json.readTree(line));
        }
        assertThat(events).extracting(e -> e.get("eventType").asText()).containsExactly("START", "COMPLETE");
        for (JsonNode e : events) {
            assertThat(e.at("/run/runId").asText()).isEqualTo(run.id().toString());
            assertThat(e.at("/job/namespace").asText()).isEqualTo("sluice");
            assertThat(e.at("/job/name").asText()).isEqualTo("clicks-stream");
            assertThat(e.at("/inputs/0/namespace").asText()).isEqualTo("kafka://broker-1:9092");
            assertThat(e.at("/inputs/0/name").asText()).isEqualTo("clicks-raw");
            List<String> outputs = new ArrayList<>();
            e.get("outputs").forEach(o -> outputs.add(o.get("namespace").asText() + " " + o.get("name").asText()));
            assertThat(outputs).containsExactly("kafka://broker-1:9092 clicks-clean", "kafka://broker-1:9092 clicks-dlq", "s3://lake raw/clicks");
            List<String> fields = new ArrayList<>();
            e.at("/inputs/0/facets/schema/fields").forEach(f -> fields.add(f.get("name").asText() + ":" + f.get("type").asText()));
            assertThat(fields).containsExactly("userId:string", "page:string", "durationMs:long", "ts:timestamp-millis", "device:record", "tags:array");
        }
        assertThat(events.get(1).at("/outputs/0/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(97);
        assertThat(events.get(1).at("/outputs/1/outputFacets/outputStatistics").isMissingNode()).as("no row count on the dead letters").isTrue();
        assertThat(events.get(0).at("/job/facets/jobType/processingType").asText()).isEqualTo("STREAMING");
    }
}
