package dev.sluice.api.error;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.graph.LineageDataset;
import java.util.List;

/**
 * Where records that cannot be processed go, with their raw bytes and the reason.
 *
 * <p>Contract: {@link #send} may buffer but must never drop; {@link #flush} blocks until every
 * failure sent before it is durable, and throws if any could not be stored. The runtime flushes
 * the dead-letter sink with the other sinks before committing source positions, so a record is
 * only ever committed once its output or its dead letter is safe. Implementations are used from
 * one thread at a time unless they say otherwise.
 */
@Public
public interface DeadLetterSink extends AutoCloseable {

    void send(Failure failure);

    void flush();

    @Override
    default void close() {}

    /** Where the dead letters are kept, for lineage: failed records derive from the pipeline's inputs too. */
    default List<LineageDataset> datasets() {
        return List.of();
    }

    /**
     * A sink for pipelines that configured none: it refuses every failure with a
     * {@link PipelineException}, so a policy of DEAD_LETTER without a place to put the record stops
     * the pipeline instead of losing the record.
     */
    static DeadLetterSink none() {
        return new DeadLetterSink() {
            @Override
            public void send(Failure failure) {
                throw new PipelineException("no dead-letter sink is configured, cannot dead-letter: " + failure.describe(), failure.cause());
            }

            @Override
            public void flush() {}
        };
    }
}
