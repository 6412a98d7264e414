package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.DataException;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.ErrorPolicy;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of operations that makes BasicPipeline at-least-once: commit only after every flush. */
class BasicPipelineTest {

    private final List<String> calls = new ArrayList<>();

    private final class ListReader implements SourceReader<String> {
        final Deque<List<Envelope<String>>> batches = new ArrayDeque<>();

        @Override
        public List<Envelope<String>> poll(Duration timeout) {
            return batches.isEmpty() ? List.of() : batches.poll();
        }

        @Override
        public void commit(Collection<? extends Position> positions) {
            calls.add("commit " + positions.stream().map(Position::describe).toList());
        }

        @Override
        public void close() {
            calls.add("close reader");
        }
    }

    private final class RecordingWriter implements SinkWriter<String> {
        final String name;
        boolean failFlush;

        RecordingWriter(String name) {
            this.name = name;
        }

        @Override
        public void write(Envelope<String> record) {
            calls.add(name + " write " + record.value());
        }

        @Override
        public void flush() {
            if (failFlush) {
                throw new RetriableException(name + " unavailable");
            }
            calls.add(name + " flush");
        }

        @Override
        public void close() {
            calls.add("close " + name);
        }
    }

    private final DeadLetterSink dlq = new DeadLetterSink() {
        @Override
        public void send(Failure failure) {
            calls.add("dead-letter " + failure.envelope().position().describe());
        }

        @Override
        public void flush() {
            calls.add("dlq flush");
        }
    };

    private static Envelope<String> record(String value, long offset) {
        return Envelope.of(value, null, EnvelopeHeaders.empty(), new Position.Kafka("t", 0, offset), Instant.EPOCH, null);
    }

    private BasicPipeline<String, String> pipeline(ListReader reader, List<RecordingWriter> writers) {
        Source<String> source = context -> reader;
        List<Sink<String>> sinks = writers.stream().map(w -> (Sink<String>) context -> w).toList();
        Transform<String, String> t = (in, out) -> {
            if (in.value().startsWith("bad")) {
                throw new DataException("bad record");
            }
            out.emit(in.withValue(in.value().toUpperCase()));
        };
        return new BasicPipeline<>("p", source, t, sinks, dlq, ErrorPolicies.all(ErrorPolicy.deadLetter()), PipelineListener.noop());
    }

    @Test
    void commitsABatchOnlyAfterEverySinkAndTheDeadLetterSinkFlushed() {
        ListReader reader = new ListReader();
        reader.batches.add(List.of(record("a", 0), record("bad", 1), record("c", 2)));
        RecordingWriter s1 = new RecordingWriter("s1");
        RecordingWriter s2 = new RecordingWriter("s2");
        try (BasicPipeline<String, String> p = pipeline(reader, List.of(s1, s2))) {
            assertThat(p.runOnce(Duration.ZERO)).isEqualTo(3);
            assertThat(p.runOnce(Duration.ZERO)).isZero();
        }
        assertThat(calls).containsExactly(
                "s1 write A", "s2 write A", "dead-letter t-0@1", "s1 write C", "s2 write C",
                "s1 flush", "s2 flush", "dlq flush", "commit [t-0@0, t-0@1, t-0@2]",
                "close s1", "close s2", "close reader");
    }

    @Test
    void aFlushThatFailsMeansNoCommit() {
        ListReader reader = new ListReader();
        reader.batches.add(List.of(record("a", 0)));
        RecordingWriter s1 = new RecordingWriter("s1");
        s1.failFlush = true;
        try (BasicPipeline<String, String> p = pipeline(reader, List.of(s1))) {
            assertThatThrownBy(() -> p.runOnce(Duration.ZERO)).isInstanceOf(RetriableException.class);
        }
        assertThat(calls).noneMatch(c -> c.startsWith("commit"));
    }

    @Test
    void refusesAPipelineWithoutSinks() {
        assertThatThrownBy(() -> new BasicPipeline<>("p", c -> new ListReader(), Transform.<String, String>map(s -> s), List.<Sink<String>>of(),
                dlq, ErrorPolicies.defaults(), PipelineListener.noop())).hasMessage("sinks must name at least one sink");
    }
}
