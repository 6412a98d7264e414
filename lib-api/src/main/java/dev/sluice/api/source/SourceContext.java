package dev.sluice.api.source;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import dev.sluice.api.error.FailureHandler;

/**
 * What a reader is given by the runtime that drives it.
 *
 * @param failures   applies the deserialize-stage policy to records that do not decode, and carries
 *                   the pipeline's listener for metrics
 * @param partitions told before partitions leave the reader
 * @param memberId   a name of this reader that stays the same across restarts of the process (a
 *                   Kafka reader joins its group as this static member, so a restart takes its
 *                   partitions back without a rebalance), or null for none
 */
@Public
public record SourceContext(FailureHandler failures, PartitionListener partitions, String memberId) {

    public SourceContext {
        Require.nonNull(failures, "failures");
        Require.nonNull(partitions, "partitions");
    }

    /** A context for a reader whose partitions the runtime need not hear about. */
    public SourceContext(FailureHandler failures) {
        this(failures, PartitionListener.NONE, null);
    }
}
