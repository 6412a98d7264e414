package dev.sluice.reference;

import dev.sluice.catalog.Lineage;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import dev.sluice.catalog.datahub.DataHubLineage;
import dev.sluice.catalog.datahub.FileEmitter;
import dev.sluice.core.graph.Dataset;
import dev.sluice.core.graph.PipelineGraph;
import dev.sluice.reference.model.ClickEvent;
import dev.sluice.reference.model.EnrichedClick;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's lineage: one run per stage (HTTP ingest, the clean pipeline, the raw zone), sent to a
 * DataHub proposals file that {@code datahub ingest} can load. Nothing here is written by hand:
 * every dataset and edge comes from the stages' own {@link PipelineGraph}s.
 */
final class AppLineage implements AutoCloseable {

    private final Lineage lineage;
    private final Path file;
    private final List<Run> runs = new ArrayList<>();

    AppLineage(Path file, MeterRegistry meters) {
        this.file = file;
        this.lineage = new DataHubLineage(new FileEmitter(file), 10_000, meters);
    }

    /** The ingest endpoint as a stage of its own: HTTP clicks into the raw topic. */
    static PipelineGraph ingestGraph(String stream, String topic) {
        return PipelineGraph.of("clicks-ingest", List.of(new Dataset("http", "ingest." + stream, ClickEvent.getClassSchema())),
                List.of(Dataset.kafkaTopic(topic, ClickEvent.getClassSchema())));
    }

    /** Pinot's tables as stages: the REALTIME table from its topic, the OFFLINE one from the raw zone's output. */
    static PipelineGraph[] pinotGraphs(PipelineGraph rawZone) {
        return new PipelineGraph[] {
            PipelineGraph.of("pinot-realtime", List.of(Dataset.kafkaTopic(AppPinot.TOPIC, EnrichedClick.getClassSchema())),
                    List.of(new Dataset("pinot", AppPinot.REALTIME, EnrichedClick.getClassSchema()))),
            PipelineGraph.of("pinot-offline", rawZone.outputs(), List.of(new Dataset("pinot", AppPinot.OFFLINE, EnrichedClick.getClassSchema())))};
    }

    void started(PipelineGraph... graphs) {
        for (PipelineGraph g : graphs) {
            Run run = Run.start(g, true);
            runs.add(run);
            lineage.started(run);
        }
    }

    /** Ends every run; each stage's counts are named after its graph. */
    void finished(boolean ok, Map<String, Map<String, Long>> countsByStage) {
        for (Run run : runs) {
            lineage.finished(run, ok ? Outcome.SUCCESS : Outcome.FAILURE, countsByStage.getOrDefault(run.graph().name(), Map.of()));
        }
    }

    /** What the lineage names, for the summary: datasets and edges over all stages. */
    String describe() {
        Set<String> datasets = new LinkedHashSet<>();
        int edges = 0;
        for (Run run : runs) {
            run.graph().datasets().forEach(d -> datasets.add(d.urn()));
            edges += run.graph().edges().size();
        }
        return datasets.size() + " datasets, " + edges + " edges -> " + file.toAbsolutePath();
    }

    @Override
    public void close() {
        lineage.close();
    }
}
