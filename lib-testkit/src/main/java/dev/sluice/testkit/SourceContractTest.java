package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Source} promises (see {@link SourceReader}): it reads everything,
 * resumes after committed positions, re-reads what was not committed, rewinds to its last commit
 * and pauses, which the stream runtime needs for backpressure and for a failing sink. An implementation's test
 * extends this, says how to make a source over a fresh dataset and how to append to that dataset
 * without the source's code.
 *
 * @param <T> the source's value type
 */
public abstract class SourceContractTest<T> {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The dataset of the current test: unique to it. */
    protected String dataset;

    /** A source over {@code dataset}; each call to createReader resumes from its committed positions. */
    protected abstract Source<T> createSource(String dataset);

    /** Appends values to {@code dataset} durably, bypassing the source. */
    protected abstract void append(String dataset, List<T> values);

    /** The i-th test value; distinct values for distinct i. */
    protected abstract T value(int i);

    @BeforeEach
    void freshDataset() {
        dataset = ContractSupport.uniqueId("contract");
    }

    private final CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();

    private SourceReader<T> reader() {
        return createSource(dataset).createReader(SourceContext.of(ContractSupport.failures(deadLetters), new RecordingListener()));
    }

    private List<T> values(int from, int to) {
        return IntStream.range(from, to).mapToObj(this::value).toList();
    }

    /** Polls until {@code n} records arrived (bounded by a generous timeout), then a little more to catch extras. */
    protected static <T> List<Envelope<T>> pollAtLeast(SourceReader<T> reader, int n) {
        List<Envelope<T>> got = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(reader.poll(Duration.ofMillis(200)));
        }
        got.addAll(reader.poll(Duration.ofMillis(500)));
        return got;
    }

    @Test
    void readsEverythingAppendedWithDistinctPositions() {
        append(dataset, values(0, 100));
        try (SourceReader<T> r = reader()) {
            List<Envelope<T>> got = pollAtLeast(r, 100);
            assertThat(got).extracting(Envelope::value).containsExactlyInAnyOrderElementsOf(values(0, 100));
            assertThat(new HashSet<>(got.stream().map(Envelope::position).toList())).hasSize(100);
        }
        assertThat(deadLetters.failures()).isEmpty();
    }

    @Test
    void resumesAfterTheCommittedPositions() {
        append(dataset, values(0, 40));
        List<Envelope<T>> first;
        try (SourceReader<T> r = reader()) {
            List<Envelope<T>> all = pollAtLeast(r, 40);
            assertThat(all).hasSize(40);
            first = all.subList(0, 25);
            r.commit(first.stream().map(Envelope::position).toList());
        }
        try (SourceReader<T> r = reader()) {
            List<Envelope<T>> rest = pollAtLeast(r, 15);
            assertThat(rest).extracting(Envelope::value)
                    .containsExactlyInAnyOrderElementsOf(values(0, 40).stream().filter(v -> first.stream().noneMatch(e -> e.value().equals(v))).toList());
        }
    }

    @Test
    void uncommittedRecordsAreReadAgain() {
        append(dataset, values(0, 10));
        try (SourceReader<T> r = reader()) {
            assertThat(pollAtLeast(r, 10)).hasSize(10);
        }
        try (SourceReader<T> r = reader()) {
            assertThat(pollAtLeast(r, 10)).extracting(Envelope::value).containsExactlyInAnyOrderElementsOf(values(0, 10));
        }
    }

    @Test
    void rewindReadsAgainEverythingAfterTheLastCommit() {
        append(dataset, values(0, 20));
        try (SourceReader<T> r = reader()) {
            List<Envelope<T>> all = pollAtLeast(r, 20);
            assertThat(all).hasSize(20);
            List<Envelope<T>> done = all.subList(0, 8);
            r.commit(done.stream().map(Envelope::position).toList());
            r.rewind();
            List<T> again = pollAtLeast(r, 12).stream().map(Envelope::value).toList();
            assertThat(again).containsExactlyInAnyOrderElementsOf(all.subList(8, 20).stream().map(Envelope::value).toList());
        }
    }

    @Test
    void aPausedReaderHandsOutNothingUntilResumed() {
        append(dataset, values(0, 5));
        try (SourceReader<T> r = reader()) {
            r.pause();
            List<Envelope<T>> whilePaused = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                whilePaused.addAll(r.poll(Duration.ofMillis(200)));
            }
            assertThat(whilePaused).isEmpty();
            r.resume();
            assertThat(pollAtLeast(r, 5)).extracting(Envelope::value).containsExactlyInAnyOrderElementsOf(values(0, 5));
        }
    }

    @Test
    void pollAfterCloseIsRefusedAndCloseIsIdempotent() {
        SourceReader<T> r = reader();
        r.close();
        r.close();
        assertThatThrownBy(() -> r.poll(Duration.ofMillis(10))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void positionsAreSerializable() throws IOException {
        append(dataset, values(0, 3));
        try (SourceReader<T> r = reader()) {
            for (Envelope<T> e : pollAtLeast(r, 3)) {
                Position p = e.position();
                try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                    out.writeObject(p);
                }
                assertThat(p.describe()).isNotBlank();
            }
        }
    }
}
