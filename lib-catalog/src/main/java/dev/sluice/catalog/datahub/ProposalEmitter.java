package dev.sluice.catalog.datahub;

import java.util.List;

/**
 * Delivers proposals to DataHub (its REST API, its Kafka topic, a file).
 *
 * <p>Contract: {@link #emit} returns once every proposal is accepted, in order, or throws
 * {@link EmitException} naming the first it could not deliver (after the emitter's own retries).
 * It may block for as long as those retries take: the data path never calls it directly but
 * through {@link dev.sluice.catalog.AsyncSender}. Implementations are thread-safe.
 */
public interface ProposalEmitter extends AutoCloseable {

    void emit(List<Proposal> proposals);

    @Override
    void close();

    /** A proposal could not be delivered. */
    final class EmitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EmitException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
