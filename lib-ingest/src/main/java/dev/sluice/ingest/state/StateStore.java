package dev.sluice.ingest.state;

import java.io.Serializable;
import java.util.Optional;

/**
 * Where a source keeps its progress (a watermark, a page, a row key) so a restart resumes there.
 *
 * <p>Contract: {@link #put} returns only once the value is durable; {@link #get} after a restart
 * answers the last value put. One writer per key (one reader per source). Values are small text
 * (JSON). Not thread-safe.
 */
public interface StateStore extends AutoCloseable {

    Optional<String> get(String key);

    void put(String key, String value);

    @Override
    void close();

    /** The serializable description a {@code Source} carries; each reader opens its own store. */
    interface Factory extends Serializable {
        StateStore open();
    }
}
