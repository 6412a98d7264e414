package dev.sluice.api.source;

import dev.sluice.api.Position;
import dev.sluice.api.annotation.Public;
import java.util.Collection;
import java.util.Optional;

/**
 * A reader whose commit a transactional sink can carry instead of the reader committing itself.
 *
 * <p>Contract: {@link #prepareCommit} answers what {@link #commit} would commit for {@code positions}
 * (including what the reader skipped past, such as dead-lettered records) without committing it, or
 * empty when nothing would move. After the sink's transaction committed it, the runtime calls
 * {@link #committed}; after it failed, {@link #rewind}.
 */
@Public
public interface TransactionalSourceReader<T> extends SourceReader<T> {

    Optional<SourceCommit> prepareCommit(Collection<? extends Position> positions);

    /** The prepared commit is durable (the sink's transaction committed). */
    void committed(SourceCommit commit);
}
