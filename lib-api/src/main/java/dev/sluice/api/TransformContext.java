package dev.sluice.api;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.metrics.MetricGroup;

/**
 * What a {@link Transform} learns about where it runs, in {@link Transform#open}.
 *
 * @param pipeline    the pipeline's name, for logs and metrics
 * @param name        the transform's name inside the pipeline
 * @param taskIndex   which parallel instance this is: a worker thread in the stream runtime, a
 *                    partition index in Spark; zero-based
 * @param metricGroup where the transform registers metrics of its own (records it enriched, cache
 *                    hits, ...), with the pipeline's tags added; {@link TransformRunner#open} hands
 *                    the runtime's listener's group to a context that has none (in the stream
 *                    runtime, the pipeline's Micrometer registry; in Spark, none yet)
 */
@Public
public record TransformContext(String pipeline, String name, int taskIndex, MetricGroup metricGroup) {

    public TransformContext {
        Require.nonBlank(pipeline, "pipeline");
        Require.nonBlank(name, "name");
        Require.atLeast(taskIndex, 0, "taskIndex");
        Require.nonNull(metricGroup, "metricGroup");
    }

    /** A context whose metrics the runner fills in from its listener (or that has none). */
    public TransformContext(String pipeline, String name, int taskIndex) {
        this(pipeline, name, taskIndex, MetricGroup.noop());
    }

    /** A context for tests and single-task use. */
    public static TransformContext of(String pipeline, String name) {
        return new TransformContext(pipeline, name, 0);
    }

    public TransformContext withMetricGroup(MetricGroup group) {
        return new TransformContext(pipeline, name, taskIndex, group);
    }
}
