package dev.sluice.batch;

import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The lineage of a {@link StreamingSql}: one job per statement, with an edge from each topic its
 * SELECT reads to its output topic, and one per stream into the dead-letter topic (what does not
 * decode or transform). A statement that reads an earlier STREAM reads, in data, that STREAM's
 * topics, not its output topic: the edge goes from those. The views a SELECT reads are found in
 * Spark's analyzed plan, so a join, a subquery and a second reference count alike.
 */
final class SqlLineage {

    private SqlLineage() {}

    static PipelineGraph graph(StreamingSql job, List<SqlQueryPlan> plans) {
        Map<String, Set<LineageDataset>> topicsOf = new HashMap<>(); // view name (lower case) -> the topics its rows come from
        Set<LineageDataset> inputs = new LinkedHashSet<>();
        List<LineageDataset> outputs = new ArrayList<>();
        List<PipelineGraph.Edge> edges = new ArrayList<>();
        LineageDataset deadLetters = LineageDataset.kafkaTopic(job.deadLetterTopic(), null);
        Map<String, LineageDataset> streamTopics = new LinkedHashMap<>(); // stream name -> its topic
        for (SqlStream s : job.streams()) {
            // The schema SQL sees is the stream's transform output, not necessarily the topic's: left to the topic's writer.
            LineageDataset topic = LineageDataset.kafkaTopic(s.topic(), null);
            streamTopics.put(s.name(), topic);
            topicsOf.put(key(s.name()), Set.of(topic));
        }
        for (SqlQueryPlan p : plans) {
            LineageDataset out = LineageDataset.kafkaTopic(p.statement().topic(), p.output().schema());
            Set<LineageDataset> read = new LinkedHashSet<>();
            for (String view : views(p.rows().queryExecution().analyzed())) {
                read.addAll(topicsOf.getOrDefault(key(view), Set.of()));
            }
            outputs.add(out); // one per statement: the script refuses two statements with one topic
            for (LineageDataset in : read) {
                inputs.add(in);
                edges.add(new PipelineGraph.Edge(in, out, p.statement().name()));
            }
            if (p.statement().kind() == SqlStatement.Kind.STREAM) {
                topicsOf.put(key(p.statement().name()), read);
            }
        }
        outputs.add(deadLetters);
        streamTopics.forEach((stream, topic) -> {
            if (inputs.contains(topic)) { // a stream no statement reads is never consumed
                edges.add(new PipelineGraph.Edge(topic, deadLetters, stream + " decode"));
            }
        });
        return new PipelineGraph(job.name(), List.copyOf(inputs), outputs, edges);
    }

    /** The names of the views a plan reads (temporary views appear as aliases of their plans). */
    private static Set<String> views(LogicalPlan plan) {
        Set<String> names = new LinkedHashSet<>();
        collect(plan, names);
        return names;
    }

    private static void collect(LogicalPlan plan, Set<String> names) {
        if (plan instanceof SubqueryAlias alias) {
            names.add(alias.identifier().name());
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            collect(child, names);
        }
    }

    private static String key(String view) {
        return view.toLowerCase(Locale.ROOT);
    }
}
