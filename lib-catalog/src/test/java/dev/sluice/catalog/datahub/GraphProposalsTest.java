package dev.sluice.catalog.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import dev.sluice.catalog.ThreeStagePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GraphProposalsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T07:00:00Z"), ZoneOffset.UTC);
    static final Path GOLDEN = Path.of("src/test/resources/golden/three-stage-proposals.json");

    /** Every proposal of the seed pipeline's four graphs and one batch run, in order. */
    static List<Proposal> threeStage() {
        GraphProposals graphs = new GraphProposals("PROD", CLOCK);
        List<Proposal> all = new ArrayList<>();
        ThreeStagePipeline.ALL.forEach(g -> all.addAll(graphs.of(g)));
        RunProposals runs = new RunProposals(graphs, CLOCK);
        Run run = new Run(UUID.fromString("00000000-0000-4000-8000-000000000001"), ThreeStagePipeline.BATCH, false,
                Instant.parse("2026-11-24T06:55:00Z"));
        all.addAll(runs.started(run));
        all.addAll(runs.finished(run, Outcome.SUCCESS, Map.of("records.in", 1000L, "records.out", 990L, "records.dead_lettered", 10L)));
        return all;
    }

    static ArrayNode json(List<Proposal> proposals) {
        ArrayNode a = Proposal.JSON.createArrayNode();
        proposals.forEach(p -> a.add(p.toJson()));
        return a;
    }

    @Test
    void theSeedPipelineGivesTheGoldenProposals() throws IOException {
        ArrayNode actual = json(threeStage());
        if (Boolean.getBoolean("sluice.golden.update")) {
            Proposal.JSON.writerWithDefaultPrettyPrinter().writeValue(GOLDEN.toFile(), actual);
        }
        assertThat(actual).isEqualTo(Proposal.JSON.readTree(Files.readString(GOLDEN)));
    }

    @Test
    void lineageEdgesFollowTheDataAndNothingElse() {
        Set<String> edges = new TreeSet<>();
        for (Proposal p : threeStage()) {
            if (p.aspectName().equals("upstreamLineage")) {
                assertThat(p.changeType()).as("lineage is patched, never replaced").isEqualTo(Proposal.ChangeType.PATCH);
                for (JsonNode op : p.aspect()) {
                    assertThat(op.get("op").asText()).isEqualTo("add");
                    edges.add(name(op.get("value").get("dataset").asText()) + " -> " + name(p.entityUrn()));
                }
            }
        }
        assertThat(edges).containsExactlyInAnyOrder(
                "ingest.clicks -> clicks-raw",
                "clicks-raw -> clicks-clean", "clicks-raw -> clicks-dlq", "clicks-raw -> lake/raw/clicks",
                "lake/raw/clicks -> lake/curated/clicks_daily",
                "lake/curated/clicks_daily -> clicks_daily");
    }

    @Test
    void jobsNameTheirInputsAndOutputsAsEdges() {
        Proposal io = threeStage().stream()
                .filter(p -> p.aspectName().equals("dataJobInputOutput") && p.entityUrn().contains("clicks-stream"))
                .findFirst().orElseThrow();
        assertThat(io.entityUrn()).isEqualTo("urn:li:dataJob:(urn:li:dataFlow:(sluice,clicks-stream,PROD),clicks-stream)");
        List<String> paths = new ArrayList<>();
        io.aspect().forEach(op -> paths.add(op.get("path").asText()));
        assertThat(paths).containsExactly(
                "/inputDatasetEdges/urn:li:dataset:(urn:li:dataPlatform:kafka,clicks-raw,PROD)",
                "/outputDatasetEdges/urn:li:dataset:(urn:li:dataPlatform:kafka,clicks-clean,PROD)",
                "/outputDatasetEdges/urn:li:dataset:(urn:li:dataPlatform:kafka,clicks-dlq,PROD)",
                "/outputDatasetEdges/urn:li:dataset:(urn:li:dataPlatform:s3,lake~1raw~1clicks,PROD)");
    }

    @Test
    void schemaFieldsComeFromTheAvroSchema() {
        JsonNode schema = threeStage().stream()
                .filter(p -> p.aspectName().equals("schemaMetadata") && p.entityUrn().contains("clicks-raw"))
                .findFirst().orElseThrow().aspect();
        List<String> fields = new ArrayList<>();
        schema.get("fields").forEach(f -> fields.add(f.get("fieldPath").asText() + " " + f.get("nativeDataType").asText()
                + " " + f.get("type").get("type").fieldNames().next().replace("com.linkedin.schema.", "")
                + (f.get("nullable").asBoolean() ? " nullable" : "")));
        assertThat(fields).containsExactly(
                "userId string StringType",
                "page string StringType",
                "durationMs long NumberType nullable",
                "ts long(timestamp-millis) TimeType",
                "device Device RecordType",
                "device.os string StringType",
                "device.model string StringType nullable",
                "tags array<string> ArrayType");
        assertThat(schema.get("fields").get(0).get("description").asText()).isEqualTo("who clicked");
        assertThat(schema.get("platformSchema").get("com.linkedin.schema.KafkaSchema").get("documentSchemaType").asText()).isEqualTo("AVRO");
        assertThat(schema.get("platform").asText()).isEqualTo("urn:li:dataPlatform:kafka");
    }

    @Test
    void aDatasetWithoutASchemaGetsNoSchemaAspectButKeepsItsEdges() {
        List<Proposal> stream = new GraphProposals("PROD", CLOCK).of(ThreeStagePipeline.STREAM);
        assertThat(stream).noneMatch(p -> p.aspectName().equals("schemaMetadata") && p.entityUrn().contains("clicks-dlq"));
        assertThat(stream).anyMatch(p -> p.aspectName().equals("upstreamLineage") && p.entityUrn().contains("clicks-dlq"));
    }

    private static String name(String datasetUrn) {
        String inner = datasetUrn.substring(datasetUrn.indexOf(',') + 1);
        return inner.substring(0, inner.lastIndexOf(','));
    }
}
