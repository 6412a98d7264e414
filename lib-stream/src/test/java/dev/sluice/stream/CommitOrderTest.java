package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.Transform;
import dev.sluice.api.error.DataException;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.ErrorPolicy;
import dev.sluice.api.error.Failure;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.api.source.SourceReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The order of calls that makes the runtime at-least-once for any reader and writers: a batch's
 * positions are committed only after every sink and the dead-letter sink flushed.
 */
class CommitOrderTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Hands out one batch, then nothing; records commits that carry positions. */
    private final class OneBatchReader implements SourceReader<String> {
        private final AtomicBoolean handed = new AtomicBoolean();

        @Override
        public List<Envelope<String>> poll(Duration timeout) {
            if (handed.getAndSet(true)) {
                return List.of();
            }
            return List.of(record("a", 0), record("bad", 1), record("c", 2));
        }

        @Override
        public void commit(Collection<? extends Position> positions) {
            if (!positions.isEmpty()) {
                calls.add("commit " + positions.stream().map(Position::describe).toList());
            }
        }

        @Override
        public void close() {
            calls.add("close reader");
        }
    }

    private Sink<String> recording(String name) {
        return context -> new SinkWriter<>() {
            @Override
            public void write(Envelope<String> record) {
                calls.add(name + " write " + record.value());
            }

            @Override
            public void flush() {
                calls.add(name + " flush");
            }

            @Override
            public void close() {
                calls.add("close " + name);
            }
        };
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

    @Test
    void aBatchIsCommittedOnlyAfterEverySinkAndTheDeadLetterSinkFlushed() throws Exception {
        Transform<String, String> upper = (in, out) -> {
            if (in.value().startsWith("bad")) {
                throw new DataException("bad record");
            }
            out.emit(in.withValue(in.value().toUpperCase()));
        };
        OneBatchReader reader = new OneBatchReader();
        try (StreamPipeline<String, String> p = StreamPipeline.<String>builder("p", context -> reader).via(upper).deadLetters(dlq)
                .errorPolicies(ErrorPolicies.all(ErrorPolicy.deadLetter()))
                .config(StreamConfig.defaults().withPollTimeout(Duration.ofMillis(10))).to(recording("s1"), recording("s2"))) {
            p.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (calls.stream().noneMatch(c -> c.startsWith("commit")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        List<String> upToCommit = calls.subList(0, calls.indexOf("commit [t-0@0, t-0@1, t-0@2]") + 1);
        assertThat(upToCommit).containsExactly(
                "s1 write A", "s2 write A", "dead-letter t-0@1", "s1 write C", "s2 write C",
                "s1 flush", "s2 flush", "dlq flush", "commit [t-0@0, t-0@1, t-0@2]");
        assertThat(calls.subList(calls.size() - 3, calls.size())).as("the reader closes first, then the writers")
                .containsExactly("close reader", "close s1", "close s2");
    }
}
