package dev.sluice.catalog.datahub;

import dev.sluice.api.Require;
import dev.sluice.api.graph.PipelineGraph;

/** DataHub URNs for what Sluice runs. Datasets carry their own ({@link dev.sluice.api.graph.LineageDataset#urn()}). */
public final class Urns {

    /** The orchestrator named in data flow URNs. */
    public static final String ORCHESTRATOR = "sluice";

    private Urns() {}

    /** {@code urn:li:dataFlow:(sluice,<pipeline>,<env>)}. */
    public static String dataFlow(PipelineGraph graph, String env) {
        return "urn:li:dataFlow:(" + ORCHESTRATOR + "," + graph.name() + "," + env + ")";
    }

    /** {@code urn:li:dataJob:(<flow urn>,<job>)}. */
    public static String dataJob(PipelineGraph graph, String job, String env) {
        return "urn:li:dataJob:(" + dataFlow(graph, env) + "," + job + ")";
    }

    /** {@code urn:li:dataProcessInstance:<id>}: one run of a job. */
    public static String run(String runId) {
        return "urn:li:dataProcessInstance:" + Require.nonBlank(runId, "runId");
    }

    public static String dataPlatform(String platform) {
        return "urn:li:dataPlatform:" + platform;
    }

    /** The entity type a URN names: {@code urn:li:dataset:(...)} -> {@code dataset}. */
    static String entityType(String urn) {
        Require.nonBlank(urn, "urn");
        if (!urn.startsWith("urn:li:")) {
            throw new IllegalArgumentException("not a DataHub URN: \"" + urn + "\"");
        }
        int end = urn.indexOf(':', 7);
        if (end < 0) {
            throw new IllegalArgumentException("URN has no entity type: \"" + urn + "\"");
        }
        return urn.substring(7, end);
    }
}
