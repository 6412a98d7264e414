package dev.sluice.catalog.datahub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything DataHub should know about a {@link PipelineGraph}, as proposals: each dataset's
 * {@code schemaMetadata} (when its Avro schema is known), the pipeline as a {@code dataFlow}, each
 * job as a {@code dataJob} with its inputs and outputs, and each output's {@code upstreamLineage}.
 *
 * <p>Lineage and job inputs/outputs are PATCH proposals that add edges: emitting a graph never
 * removes an edge another pipeline (or a person) added to the same dataset. Schemas, flow and job
 * info are the pipeline's own facts and are upserted.
 */
public final class GraphProposals {

    static final String ACTOR = "urn:li:corpuser:sluice";

    private final String env;
    private final Clock clock;

    /**
     * @param env   the DataHub environment of flows and jobs ({@code PROD}, matching {@link LineageDataset#urn()})
     * @param clock stamps lineage edges
     */
    public GraphProposals(String env, Clock clock) {
        this.env = Require.nonBlank(env, "env");
        this.clock = Require.nonNull(clock, "clock");
    }

    public static GraphProposals prod() {
        return new GraphProposals("PROD", Clock.systemUTC());
    }

    public List<Proposal> of(PipelineGraph graph) {
        List<Proposal> out = new ArrayList<>();
        for (LineageDataset d : graph.datasets()) {
            d.schemaIfKnown().ifPresent(s -> out.add(Proposal.upsert(d.urn(), "schemaMetadata", SchemaMetadata.of(d, s))));
        }
        out.add(Proposal.upsert(Urns.dataFlow(graph, env), "dataFlowInfo", flowInfo(graph)));
        Map<String, List<PipelineGraph.Edge>> byJob = new LinkedHashMap<>();
        for (PipelineGraph.Edge e : graph.edges()) {
            byJob.computeIfAbsent(e.job(), j -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<PipelineGraph.Edge>> job : byJob.entrySet()) {
            String jobUrn = Urns.dataJob(graph, job.getKey(), env);
            out.add(Proposal.upsert(jobUrn, "dataJobInfo", jobInfo(graph, job.getKey())));
            out.add(Proposal.patch(jobUrn, "dataJobInputOutput", jobEdges(job.getValue())));
        }
        Map<LineageDataset, List<LineageDataset>> upstreams = new LinkedHashMap<>();
        for (PipelineGraph.Edge e : graph.edges()) {
            upstreams.computeIfAbsent(e.output(), o -> new ArrayList<>()).add(e.input());
        }
        upstreams.forEach((output, inputs) -> out.add(Proposal.patch(output.urn(), "upstreamLineage", upstreamEdges(inputs))));
        return out;
    }

    private ObjectNode flowInfo(PipelineGraph graph) {
        ObjectNode info = Proposal.JSON.createObjectNode();
        info.put("name", graph.name());
        info.putObject("customProperties").put("orchestrator", Urns.ORCHESTRATOR);
        return info;
    }

    private ObjectNode jobInfo(PipelineGraph graph, String job) {
        ObjectNode info = Proposal.JSON.createObjectNode();
        info.put("name", job);
        // DataJobInfo.type is a union of Azkaban's enum and a string; Pegasus JSON names the member.
        info.putObject("type").put("string", "SLUICE");
        info.put("flowUrn", Urns.dataFlow(graph, env));
        info.putObject("customProperties").put("pipeline", graph.name());
        return info;
    }

    private ArrayNode jobEdges(List<PipelineGraph.Edge> edges) {
        Set<LineageDataset> inputs = new LinkedHashSet<>();
        Set<LineageDataset> outputs = new LinkedHashSet<>();
        for (PipelineGraph.Edge e : edges) {
            inputs.add(e.input());
            outputs.add(e.output());
        }
        ArrayNode ops = Proposal.JSON.createArrayNode();
        inputs.forEach(d -> addEdge(ops, "/inputDatasetEdges/", d));
        outputs.forEach(d -> addEdge(ops, "/outputDatasetEdges/", d));
        return ops;
    }

    private void addEdge(ArrayNode ops, String path, LineageDataset d) {
        ObjectNode op = ops.addObject();
        op.put("op", "add");
        op.put("path", path + Proposal.pathSegment(d.urn()));
        ObjectNode edge = op.putObject("value");
        edge.put("destinationUrn", d.urn());
        edge.set("created", auditStamp());
    }

    private ArrayNode upstreamEdges(List<LineageDataset> inputs) {
        ArrayNode ops = Proposal.JSON.createArrayNode();
        for (LineageDataset in : new LinkedHashSet<>(inputs)) {
            ObjectNode op = ops.addObject();
            op.put("op", "add");
            op.put("path", "/upstreams/" + Proposal.pathSegment(in.urn()));
            ObjectNode upstream = op.putObject("value");
            upstream.put("dataset", in.urn());
            upstream.put("type", "TRANSFORMED");
            upstream.set("auditStamp", auditStamp());
        }
        return ops;
    }

    ObjectNode auditStamp() {
        ObjectNode stamp = Proposal.JSON.createObjectNode();
        stamp.put("time", clock.millis());
        stamp.put("actor", ACTOR);
        return stamp;
    }

    String env() {
        return env;
    }
}
