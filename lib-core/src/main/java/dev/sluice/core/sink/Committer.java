package dev.sluice.core.sink;

import java.util.Collection;

/**
 * Makes staged output visible.
 *
 * <p>Contract: {@link #commit} is idempotent: committing the same committable twice (after a crash
 * between commit and recording it) has the effect of committing it once. A committable that can
 * no longer be committed because it already was must be treated as success. Transient failures are
 * thrown as {@link dev.sluice.core.error.RetriableException}.
 */
public interface Committer<C> extends AutoCloseable {

    void commit(Collection<C> committables);

    @Override
    default void close() {}
}
