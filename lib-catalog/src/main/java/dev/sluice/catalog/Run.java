package dev.sluice.catalog;

import dev.sluice.api.Require;
import dev.sluice.api.graph.PipelineGraph;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of a pipeline: a batch job's execution or a streaming pipeline's life from start to stop.
 *
 * @param id        unique per run (DataHub: the dataProcessInstance id; OpenLineage: the run id, a UUID)
 * @param graph     what the run reads and writes
 * @param streaming a continuous run rather than a batch
 * @param startedAt when it started
 */
public record Run(UUID id, PipelineGraph graph, boolean streaming, Instant startedAt) {

    public Run {
        Require.nonNull(id, "id");
        Require.nonNull(graph, "graph");
        Require.nonNull(startedAt, "startedAt");
    }

    public static Run start(PipelineGraph graph, boolean streaming) {
        return new Run(UUID.randomUUID(), graph, streaming, Instant.now());
    }
}
