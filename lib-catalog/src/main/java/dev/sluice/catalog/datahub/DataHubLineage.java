package dev.sluice.catalog.datahub;

import dev.sluice.api.Require;
import dev.sluice.catalog.AsyncSender;
import dev.sluice.catalog.Lineage;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link Lineage} to DataHub: at a run's start the graph's proposals (schemas, flow, job, edges)
 * and the run's; at its end the result and counts. Sent through an {@link AsyncSender}, so the
 * pipeline never waits for DataHub.
 */
public final class DataHubLineage implements Lineage {

    private final AsyncSender<Proposal> emitter;
    private final GraphProposals graphs;
    private final RunProposals runs;

    public DataHubLineage(ProposalEmitter emitter, int queueCapacity, MeterRegistry meters) {
        this(new AsyncSender<>("datahub", emitter::emit, emitter::close, queueCapacity, meters), GraphProposals.prod(), Clock.systemUTC());
    }

    DataHubLineage(AsyncSender<Proposal> emitter, GraphProposals graphs, Clock clock) {
        this.emitter = Require.nonNull(emitter, "emitter");
        this.graphs = Require.nonNull(graphs, "graphs");
        this.runs = new RunProposals(graphs, clock);
    }

    @Override
    public void started(Run run) {
        List<Proposal> all = new ArrayList<>(graphs.of(run.graph()));
        all.addAll(runs.started(run));
        emitter.offer(all);
    }

    @Override
    public void finished(Run run, Outcome outcome, Map<String, Long> counts) {
        emitter.offer(runs.finished(run, outcome, counts));
    }

    public AsyncSender<Proposal> sender() {
        return emitter;
    }

    @Override
    public void close() {
        emitter.close();
    }
}
