package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.sink.TransactionalSink;
import dev.sluice.api.sink.TransactionalSinkWriter;
import org.junit.jupiter.api.Test;

/**
 * The {@link SinkContractTest} plus what a {@link TransactionalSink} promises: records of an aborted
 * transaction are never seen, and a flush commits the open transaction. {@link #readBack} must read
 * committed data only (Kafka: {@code read_committed}).
 */
public abstract class TransactionalSinkContractTest<T> extends SinkContractTest<T> {

    @Override
    protected abstract TransactionalSink<T> createSink(String destination);

    @Test
    void recordsOfAnAbortedTransactionAreNeverSeenAndTheNextTransactionIsComplete() {
        TransactionalSink<T> sink = createSink(destination);
        try (TransactionalSinkWriter<T> w = sink.createWriter(context())) {
            values(0, 10).forEach(v -> w.write(Envelope.of(v)));
            w.abort();
            values(10, 20).forEach(v -> w.write(Envelope.of(v)));
            w.flush();
        }
        assertThat(readBack(destination, 10)).containsExactlyInAnyOrderElementsOf(values(10, 20));
    }
}
