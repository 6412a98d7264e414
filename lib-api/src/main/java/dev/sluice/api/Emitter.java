package dev.sluice.api;

import dev.sluice.api.annotation.Public;

/**
 * Receives the outputs of a {@link Transform}.
 *
 * <p>Contract: an emitter is valid only during the {@link Transform#apply} call it was passed to;
 * a transform must not keep it. Emitting a null envelope is an error ({@link NullPointerException}).
 * An emitter is not thread-safe: emit from the thread that called {@code apply}.
 *
 * @param <T> the output value type
 */
@FunctionalInterface
@Public
public interface Emitter<T> {

    void emit(Envelope<T> out);
}
