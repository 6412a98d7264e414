package dev.sluice.api.sink;

import dev.sluice.api.Envelope;
import dev.sluice.api.annotation.Public;

/**
 * Writes records to a destination.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #write} may buffer or send asynchronously; a record is not durable until
 *       {@link #flush} returns. A record the sink cannot take as data goes through the sink-stage
 *       policy ({@link SinkContext#failures()}) and may be dead-lettered; it is never dropped silently.</li>
 *   <li>{@link #flush} blocks until every record written before it is durable (acknowledged by the
 *       destination) or dead-lettered, and throws if that cannot be achieved. Only then may the
 *       runtime commit the source positions of those records.</li>
 *   <li>Not thread-safe: one writer per worker thread.</li>
 *   <li>{@link #close} releases resources without flushing (a runtime that wants the data flushes
 *       first), is idempotent, and {@code write} after close throws {@link IllegalStateException}.</li>
 * </ul>
 */
@Public
public interface SinkWriter<T> extends AutoCloseable {

    void write(Envelope<T> record);

    void flush();

    /**
     * Records written but not yet durable: the runtime pauses its source when this passes its
     * bound, instead of buffering without limit. Writers that hold nothing between write and flush
     * keep the default, 0.
     */
    default long pendingRecords() {
        return 0;
    }

    @Override
    void close();
}
