package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Envelope;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Sink} promises (see {@link SinkWriter}). An implementation's test
 * extends this and says how to make a sink on a fresh destination and how to read that destination
 * back <em>without</em> the sink's own code.
 *
 * @param <T> the sink's value type
 */
public abstract class SinkContractTest<T> {

    /** The destination of the current test: a topic, bucket prefix or table unique to it. */
    protected String destination;

    /** A sink writing to {@code destination}, which does not exist yet or is empty. */
    protected abstract Sink<T> createSink(String destination);

    /** The i-th test value; distinct values for distinct i. */
    protected abstract T value(int i);

    /**
     * Reads what is durable at {@code destination} with an independent reader, waiting (bounded)
     * until at least {@code atLeast} values are visible. Order across partitions need not be kept.
     */
    protected abstract List<T> readBack(String destination, int atLeast);

    @BeforeEach
    void freshDestination() {
        destination = ContractSupport.uniqueId("contract");
    }

    private final CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();

    protected SinkContext context() {
        return new SinkContext(ContractSupport.failures(deadLetters), new RecordingListener(), 0);
    }

    protected List<T> values(int from, int to) {
        List<T> v = new ArrayList<>();
        for (int i = from; i < to; i++) {
            v.add(value(i));
        }
        return v;
    }

    @Test
    void flushedRecordsAreDurableAndComplete() {
        Sink<T> sink = createSink(destination);
        List<T> expected = values(0, 200);
        try (SinkWriter<T> w = sink.createWriter(context())) {
            expected.forEach(v -> w.write(Envelope.of(v)));
            w.flush();
        }
        assertThat(readBack(destination, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(deadLetters.failures()).isEmpty();
    }

    @Test
    void flushWithNothingWrittenAndRepeatedFlushesAreHarmless() {
        Sink<T> sink = createSink(destination);
        try (SinkWriter<T> w = sink.createWriter(context())) {
            w.flush();
            w.write(Envelope.of(value(1)));
            w.flush();
            w.flush();
        }
        assertThat(readBack(destination, 1)).containsExactly(value(1));
    }

    @Test
    void writeAfterCloseIsRefused() {
        SinkWriter<T> w = createSink(destination).createWriter(context());
        w.close();
        assertThatThrownBy(() -> w.write(Envelope.of(value(0)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeIsIdempotent() {
        SinkWriter<T> w = createSink(destination).createWriter(context());
        w.close();
        w.close();
    }

    @Test
    void nullRecordIsRefusedWithAClearError() {
        try (SinkWriter<T> w = createSink(destination).createWriter(context())) {
            assertThatThrownBy(() -> w.write(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("record");
        }
    }
}
