package dev.sluice.api.sink;

import dev.sluice.api.annotation.Public;

/**
 * A sink whose output can commit atomically with the source positions it came from (Kafka's
 * consume-transform-produce transaction): what a runtime needs for exactly-once into it.
 */
@Public
public interface TransactionalSink<T> extends Sink<T> {

    /**
     * A copy configured for transactions, its writers' transactions named from {@code idPrefix} and
     * the worker index, so a restarted worker fences its predecessor. A sink already configured for
     * transactions answers itself.
     */
    TransactionalSink<T> forTransactions(String idPrefix);

    @Override
    TransactionalSinkWriter<T> createWriter(SinkContext context);
}
