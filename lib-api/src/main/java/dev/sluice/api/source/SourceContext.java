package dev.sluice.api.source;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.MetricGroup;
import dev.sluice.api.metrics.PipelineListener;

/**
 * What a reader is given by the runtime that drives it: the policy for records that do not
 * decode, where its metrics go, whom to tell before partitions leave, and its stable name.
 *
 * @param failures   applies the deserialize-stage policy to records that do not decode
 * @param metrics    receives the reader's counts, lag and commit timings (thread-safe)
 * @param partitions told before partitions leave the reader
 * @param memberId   a name of this reader that stays the same across restarts of the process (a
 *                   Kafka reader joins its group as this static member, so a restart takes its
 *                   partitions back without a rebalance), or null for none
 */
@Public
public record SourceContext(FailureHandler failures, PipelineListener metrics, PartitionListener partitions, String memberId) {

    public SourceContext {
        Require.nonNull(failures, "failures");
        Require.nonNull(metrics, "metrics");
        Require.nonNull(partitions, "partitions");
    }

    /** A context for a reader whose partitions the runtime need not hear about (tests, single-component tools). */
    public static SourceContext of(FailureHandler failures, PipelineListener metrics) {
        return new SourceContext(failures, metrics, PartitionListener.NONE, null);
    }

    /** Where the reader registers the metrics that are its own (files, lag, ...): the listener's {@link PipelineListener#metricGroup()}. */
    public MetricGroup metricGroup() {
        return metrics.metricGroup();
    }
}
