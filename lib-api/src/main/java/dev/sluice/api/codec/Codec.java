package dev.sluice.api.codec;

import dev.sluice.api.annotation.Public;
import java.io.Serializable;

/**
 * Turns values into bytes and back.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code null} encodes to {@code null} and decodes from {@code null} (a Kafka tombstone).</li>
 *   <li>{@link #decode} throws {@link dev.sluice.api.error.DataException} for bytes that can never
 *       decode, naming what is wrong and where (byte offset, field), and
 *       {@link dev.sluice.api.error.RetriableException} when a transient cause (a registry that
 *       does not answer) prevents decoding.</li>
 *   <li>Thread-safe: one codec may serve every worker. Serializable, so it can ship to Spark; any
 *       client or cache it holds is rebuilt lazily after deserialization.</li>
 * </ul>
 */
@Public
public interface Codec<T> extends Serializable {

    byte[] encode(T value);

    T decode(byte[] bytes);
}
