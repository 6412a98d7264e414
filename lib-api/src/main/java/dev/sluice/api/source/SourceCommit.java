package dev.sluice.api.source;

import dev.sluice.api.annotation.Public;

/**
 * A commit of source positions prepared by a {@link TransactionalSourceReader} for a sink's
 * transaction to carry (Kafka: the offsets and the consumer group's metadata). Opaque to the
 * runtime: only a sink of the same system knows how to commit it.
 */
@Public
public interface SourceCommit {

    /** How many partitions the commit moves, for metrics. */
    int partitions();
}
