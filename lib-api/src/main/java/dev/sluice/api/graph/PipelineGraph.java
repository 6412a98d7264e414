package dev.sluice.api.graph;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pipeline reads, what it writes and which outputs derive from which inputs: everything
 * lineage needs, with no user code. Runtimes build it from their sources and sinks; lib-catalog
 * reads it.
 *
 * @param name    the pipeline (DataHub: the data flow)
 * @param inputs  datasets read
 * @param outputs datasets written (dead letters included)
 * @param edges   derivations from an input to an output
 */
@Public
public record PipelineGraph(String name, List<LineageDataset> inputs, List<LineageDataset> outputs, List<Edge> edges) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code output} derives from {@code input}, through the named job (a transform chain, a batch job). */
    public record Edge(LineageDataset input, LineageDataset output, String job) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Edge {
            Require.nonNull(input, "input");
            Require.nonNull(output, "output");
            Require.nonBlank(job, "job");
        }
    }

    public PipelineGraph {
        Require.nonBlank(name, "name");
        inputs = List.copyOf(Require.nonNull(inputs, "inputs"));
        outputs = List.copyOf(Require.nonNull(outputs, "outputs"));
        edges = List.copyOf(Require.nonNull(edges, "edges"));
        for (Edge e : edges) {
            if (!inputs.contains(e.input()) || !outputs.contains(e.output())) {
                throw new IllegalArgumentException("edge " + e.input().urn() + " -> " + e.output().urn()
                        + " names a dataset that is not among the graph's inputs and outputs");
            }
        }
    }

    /** A single job that reads every input and writes every output: an edge from each input to each output. */
    public static PipelineGraph of(String name, List<LineageDataset> inputs, List<LineageDataset> outputs) {
        List<Edge> edges = new ArrayList<>();
        for (LineageDataset in : inputs) {
            for (LineageDataset out : outputs) {
                edges.add(new Edge(in, out, name));
            }
        }
        return new PipelineGraph(name, inputs, outputs, edges);
    }

    /** Every dataset, inputs first, without repeats. */
    public Set<LineageDataset> datasets() {
        Set<LineageDataset> all = new LinkedHashSet<>(inputs);
        all.addAll(outputs);
        return all;
    }
}
