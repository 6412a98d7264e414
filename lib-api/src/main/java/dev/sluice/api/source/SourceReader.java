package dev.sluice.api.source;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.annotation.Public;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The worker that reads records from a {@link Source}, driven by a runtime.
 *
 * <p>Contract (after Debezium's engine and Kafka Connect's task context: the runtime marks records
 * processed, the reader owns the positions):
 * <ul>
 *   <li>{@link #poll} returns the next records, in order within each partition of the source, or an
 *       empty list when none arrived within the timeout; never null. Records that fail to decode
 *       are handled by the deserialize-stage policy and are not returned.</li>
 *   <li>{@link #commit} is called only with positions whose records every sink has acknowledged
 *       (flushed) or dead-lettered. After a restart the reader resumes after the highest committed
 *       position of each partition; anything not committed is read again (at-least-once).</li>
 *   <li>Partitions come and go (a consumer-group rebalance): before this reader gives partitions
 *       up it calls {@link SourceContext#partitions()}' {@code beforeRevoke} from inside
 *       {@code poll}, so the runtime can commit what is done; afterwards it ignores positions of
 *       those partitions. A reader of a fixed set of data has one partition set and never revokes.</li>
 *   <li>{@link #pause} stops records of every owned partition (a poll keeps the reader's membership
 *       alive and returns nothing) until {@link #resume}; partitions assigned while paused start
 *       paused. {@link #rewind} seeks every owned partition back to just after its last commit.</li>
 *   <li>Not thread-safe: everything but {@link #wakeup} comes from one thread.</li>
 *   <li>{@link #close} releases resources and is idempotent; it does not commit.</li>
 * </ul>
 */
@Public
public interface SourceReader<T> extends AutoCloseable {

    List<Envelope<T>> poll(Duration timeout);

    /**
     * Marks these positions processed and makes that durable. Positions of a partition the reader
     * no longer owns are ignored (with a log line).
     */
    void commit(Collection<? extends Position> positions);

    /** The partitions this reader owns now; a reader without partitions answers an empty set. */
    default Set<SourcePartition> assignment() {
        return Set.of();
    }

    /**
     * Stops handing out records until {@link #resume}; see the class contract. Like Flink's
     * {@code pauseOrResumeSplits}, a reader that cannot pause refuses, and a runtime that needs
     * backpressure or a circuit breaker (the stream runtime) cannot drive it.
     */
    default void pause() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot pause");
    }

    default void resume() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume");
    }

    /** Number of partitions paused now (for the runtime's metrics). */
    default int pausedPartitions() {
        return 0;
    }

    /** Reads again everything after the last commit (after a sink failed and its records were dropped). */
    default void rewind() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot rewind to its last commit");
    }

    /**
     * Thread-safe: makes a {@link #poll} or {@link #commit} in progress, or the next one, end at once
     * with {@link ReaderWokenUpException}. The runtime calls it when a shutdown deadline passed. The
     * default does nothing: a reader whose poll returns within its timeout needs no wakeup.
     */
    default void wakeup() {}

    @Override
    void close();
}
