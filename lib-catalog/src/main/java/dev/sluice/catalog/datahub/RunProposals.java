package dev.sluice.catalog.datahub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A run of a pipeline as a DataHub {@code dataProcessInstance}: its properties, the job it runs,
 * what it read and wrote, and {@code dataProcessInstanceRunEvent}s for start and end (with the
 * result and the run's counts).
 */
public final class RunProposals {

    private final GraphProposals graphs;
    private final Clock clock;

    public RunProposals(GraphProposals graphs, Clock clock) {
        this.graphs = Require.nonNull(graphs, "graphs");
        this.clock = Require.nonNull(clock, "clock");
    }

    /** The run started; its job is the one named like its graph. */
    public List<Proposal> started(Run run) {
        PipelineGraph graph = run.graph();
        String urn = Urns.run(run.id().toString());
        ObjectNode relationships = Proposal.JSON.createObjectNode();
        relationships.put("parentTemplate", Urns.dataJob(graph, graph.name(), graphs.env()));
        relationships.putArray("upstreamInstances");
        ObjectNode inputs = Proposal.JSON.createObjectNode();
        graph.inputs().stream().map(LineageDataset::urn).forEach(inputs.putArray("inputs")::add);
        ObjectNode outputs = Proposal.JSON.createObjectNode();
        graph.outputs().stream().map(LineageDataset::urn).forEach(outputs.putArray("outputs")::add);
        return List.of(
                Proposal.upsert(urn, "dataProcessInstanceProperties", properties(run, Map.of())),
                Proposal.upsert(urn, "dataProcessInstanceRelationships", relationships),
                Proposal.upsert(urn, "dataProcessInstanceInput", inputs),
                Proposal.upsert(urn, "dataProcessInstanceOutput", outputs),
                Proposal.upsert(urn, "dataProcessInstanceRunEvent", runEvent("STARTED", null, run)));
    }

    /**
     * The run ended. {@code counts} (for example {@code records.in}, {@code records.out},
     * {@code records.dead_lettered}) land in the run's custom properties.
     */
    public List<Proposal> finished(Run run, Outcome outcome, Map<String, Long> counts) {
        Require.nonNull(outcome, "outcome");
        String urn = Urns.run(run.id().toString());
        return List.of(
                Proposal.upsert(urn, "dataProcessInstanceProperties", properties(run, Require.nonNull(counts, "counts"))),
                Proposal.upsert(urn, "dataProcessInstanceRunEvent", runEvent("COMPLETE", outcome, run)));
    }

    private ObjectNode properties(Run run, Map<String, Long> counts) {
        ObjectNode p = Proposal.JSON.createObjectNode();
        p.put("name", run.graph().name() + "-" + run.id());
        p.put("type", run.streaming() ? "STREAMING" : "BATCH_AD_HOC");
        ObjectNode created = p.putObject("created");
        created.put("time", run.startedAt().toEpochMilli());
        created.put("actor", GraphProposals.ACTOR);
        ObjectNode custom = p.putObject("customProperties");
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> custom.put(e.getKey(), Long.toString(e.getValue())));
        return p;
    }

    private ObjectNode runEvent(String status, Outcome outcome, Run run) {
        ObjectNode e = Proposal.JSON.createObjectNode();
        long now = clock.millis();
        e.put("timestampMillis", now);
        e.put("status", status);
        e.put("attempt", 1);
        if (outcome != null) {
            ObjectNode result = e.putObject("result");
            result.put("type", outcome.name());
            result.put("nativeResultType", Urns.ORCHESTRATOR);
            e.put("durationMillis", Math.max(0, now - run.startedAt().toEpochMilli()));
        }
        return e;
    }
}
