package dev.sluice.api.source;

import dev.sluice.api.annotation.Public;

/** A source whose positions a transactional sink can commit; see {@link TransactionalSourceReader}. */
@Public
public interface TransactionalSource<T> extends Source<T> {

    /**
     * True when it reads only the committed output of transactions (Kafka's {@code read_committed}):
     * without it, a pipeline reading another exactly-once pipeline's output would see aborted records.
     */
    boolean readsCommittedOnly();

    @Override
    TransactionalSourceReader<T> createReader(SourceContext context);
}
