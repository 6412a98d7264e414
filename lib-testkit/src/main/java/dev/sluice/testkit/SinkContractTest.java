package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Envelope;
import dev.sluice.core.sink.Committer;
import dev.sluice.core.sink.CommittingSink;
import dev.sluice.core.sink.CommittingSinkWriter;
import dev.sluice.core.sink.Sink;
import dev.sluice.core.sink.SinkContext;
import dev.sluice.core.sink.SinkWriter;
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
        return new SinkContext(ContractSupport.failures(deadLetters), 0);
    }

    private List<T> values(int from, int to) {
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
            commitIfCommitting(sink, w);
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
            commitIfCommitting(sink, w);
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

    @Test
    void committingTwiceHasTheEffectOfOnce() {
        Sink<T> sink = createSink(destination);
        if (!(sink instanceof CommittingSink<T, ?> committing)) {
            // Not a committing sink: the promise is about flush, which the tests above cover.
            assertThat(sink).isNotInstanceOf(CommittingSink.class);
            return;
        }
        commitTwice(committing, values(0, 20));
        assertThat(readBack(destination, 20)).containsExactlyInAnyOrderElementsOf(values(0, 20));
    }

    private <C> void commitTwice(CommittingSink<T, C> sink, List<T> values) {
        try (CommittingSinkWriter<T, C> w = sink.createWriter(context()); Committer<C> committer = sink.createCommitter()) {
            values.forEach(v -> w.write(Envelope.of(v)));
            List<C> committables = w.prepareCommit();
            committer.commit(committables);
            committer.commit(committables);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T, C> void commitIfCommitting(Sink<T> sink, SinkWriter<T> writer) {
        if (sink instanceof CommittingSink<T, ?> cs && writer instanceof CommittingSinkWriter<T, ?> cw) {
            try (Committer<C> committer = ((CommittingSink<T, C>) cs).createCommitter()) {
                committer.commit(((CommittingSinkWriter<T, C>) cw).prepareCommit());
            }
        }
    }
}
