package dev.sluice.reference;

import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import dev.sluice.catalog.datahub.DataHubLineage;
import dev.sluice.catalog.datahub.FileEmitter;
import dev.sluice.catalog.datahub.ProposalEmitter;
import dev.sluice.catalog.datahub.RestEmitter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's lineage: one run per stage, sent to DataHub GMS or to a proposals file that
 * {@code datahub ingest} can load. Nothing here is written by hand: every dataset and edge comes
 * from the stages' own {@link PipelineGraph}s.
 */
final class AppLineage implements AutoCloseable {

    private final DataHubLineage lineage;
    private final String target;
    private final List<Run> runs = new ArrayList<>();

    AppLineage(AppConfig.Lineage settings, MeterRegistry meters) {
        ProposalEmitter emitter = settings.gms().<ProposalEmitter>map(RestEmitter::new).orElseGet(() -> new FileEmitter(settings.file()));
        this.target = settings.file() != null ? settings.file().toAbsolutePath().toString() : "DataHub GMS " + settings.datahubGms();
        this.lineage = new DataHubLineage(emitter, 10_000, meters);
    }

    void started(List<PipelineGraph> graphs) {
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
        return datasets.size() + " datasets, " + edges + " edges -> " + target;
    }

    /** Proposals not delivered (GMS refused or unreachable after retries, or the queue was full); final after {@link #close()}. */
    long dropped() {
        return lineage.sender().droppedCount();
    }

    @Override
    public void close() {
        lineage.close();
    }
}
