package dev.sluice.api.sink;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.MetricGroup;
import dev.sluice.api.metrics.PipelineListener;

/**
 * What a writer is given by the runtime that drives it: the policy that decides about records it
 * cannot take, and, apart from it, where its metrics go.
 *
 * @param failures applies the sink-stage policy to records the sink cannot take
 * @param metrics  receives the writer's counts and timings (thread-safe)
 * @param subtask  which parallel writer this is, zero-based; used to make names unique
 */
@Public
public record SinkContext(FailureHandler failures, PipelineListener metrics, int subtask) {

    public SinkContext {
        Require.nonNull(failures, "failures");
        Require.nonNull(metrics, "metrics");
        Require.atLeast(subtask, 0, "subtask");
    }


    /** Where the writer registers the metrics that are its own (files, lag, ...): the listener's {@link PipelineListener#metricGroup()}. */
    public MetricGroup metricGroup() {
        return metrics.metricGroup();
    }
}
