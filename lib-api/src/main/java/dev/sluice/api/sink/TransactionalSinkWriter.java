package dev.sluice.api.sink;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.source.SourceCommit;

/**
 * A writer whose output becomes visible in one transaction together with the source's commit.
 *
 * <p>Contract, in addition to {@link SinkWriter}: records written since the last {@link #commit}
 * or {@link #abort} form the open transaction. {@code commit} makes them visible and commits
 * {@code source} in the same transaction, or throws and leaves neither visible; a transient failure
 * is a {@link dev.sluice.api.error.RetriableException}, after which the runtime aborts and reads
 * again from the last commit. {@link #flush} keeps the base contract by committing the open
 * transaction without source positions.
 */
@Public
public interface TransactionalSinkWriter<T> extends SinkWriter<T> {

    /** Commits the open transaction with {@code source} (from the reader's {@code prepareCommit}). */
    void commit(SourceCommit source);

    /** Drops the open transaction: readers of committed data never see its records. */
    void abort();
}
