package dev.sluice.catalog;

import java.util.List;
import java.util.Map;

/**
 * Where a pipeline's metadata goes: DataHub, OpenLineage, or both. Runtimes call it at the start
 * and end of each run; everything else (datasets, schemas, edges) comes from the run's
 * {@link dev.sluice.api.graph.PipelineGraph}, so no user code is needed.
 *
 * <p>Contract: neither method blocks on the catalog or throws because of it; a catalog outage is
 * counted and logged by the implementation, and the data path goes on.
 */
public interface Lineage extends AutoCloseable {

    /** The run started: register its datasets, schemas, job and edges, and the run itself. */
    void started(Run run);

    /** The run ended; {@code counts} such as {@code records.in}, {@code records.out}, {@code records.dead_lettered}. */
    void finished(Run run, Outcome outcome, Map<String, Long> counts);

    /** Flushes what is pending (within the implementation's grace period) and releases resources. */
    @Override
    void close();

    /** Sends to every one of {@code targets}. */
    static Lineage all(Lineage... targets) {
        List<Lineage> all = List.of(targets);
        return new Lineage() {
            @Override
            public void started(Run run) {
                all.forEach(l -> l.started(run));
            }

            @Override
            public void finished(Run run, Outcome outcome, Map<String, Long> counts) {
                all.forEach(l -> l.finished(run, outcome, counts));
            }

            @Override
            public void close() {
                all.forEach(Lineage::close);
            }
        };
    }
}
