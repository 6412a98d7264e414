package dev.sluice.core.source;

import dev.sluice.core.Envelope;
import dev.sluice.core.Position;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The worker that reads records from a {@link Source}.
 *
 * <p>Contract (after Debezium's engine: the consumer marks records processed, the reader owns the
 * positions):
 * <ul>
 *   <li>{@link #poll} returns the next records, in order within each partition of the source, or an
 *       empty list when none arrived within the timeout; never null. Records that fail to decode
 *       are handled by the deserialize-stage policy and are not returned.</li>
 *   <li>{@link #commit} is called only with positions whose records every sink has acknowledged
 *       (flushed) or dead-lettered. After a restart the reader resumes after the highest committed
 *       position of each partition; anything not committed is read again (at-least-once).</li>
 *   <li>Not thread-safe: poll, commit and close come from one thread.</li>
 *   <li>{@link #close} releases resources and is idempotent; it does not commit.</li>
 * </ul>
 */
public interface SourceReader<T> extends AutoCloseable {

    List<Envelope<T>> poll(Duration timeout);

    /**
     * Marks these positions processed and makes that durable. Positions of a partition the reader
     * no longer owns are ignored (with a log line).
     */
    void commit(Collection<? extends Position> positions);

    @Override
    void close();
}
