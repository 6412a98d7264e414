package dev.sluice.testkit;

import dev.sluice.core.Envelope;
import dev.sluice.core.Position;
import dev.sluice.core.sink.Sink;
import dev.sluice.core.sink.SinkWriter;
import dev.sluice.core.source.Source;
import dev.sluice.core.source.SourceReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory datasets with committed positions, and a source and sink over them that either keep
 * their contracts or break them on purpose, to test that the contract suites catch a broken one.
 */
final class InMemoryStore {

    static final Map<String, List<String>> DATA = new ConcurrentHashMap<>();
    static final Map<String, Long> COMMITTED = new ConcurrentHashMap<>();

    private InMemoryStore() {}

    static List<String> data(String dataset) {
        return DATA.computeIfAbsent(dataset, d -> java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    /** A source over one dataset; with {@code forgetCommits} it ignores commit() (a broken source). */
    record ListSource(String dataset, boolean forgetCommits) implements Source<String> {
        @Override
        public SourceReader<String> createReader(dev.sluice.core.source.SourceContext context) {
            return new SourceReader<>() {
                long next = COMMITTED.getOrDefault(dataset, -1L) + 1;
                boolean closed;

                @Override
                public List<Envelope<String>> poll(Duration timeout) {
                    if (closed) {
                        throw new IllegalStateException("closed");
                    }
                    List<String> all = data(dataset);
                    List<Envelope<String>> out = new ArrayList<>();
                    for (; next < all.size(); next++) {
                        out.add(Envelope.of(all.get((int) next), null, dev.sluice.core.Headers.empty(),
                                new Position.File(dataset, next), Instant.EPOCH, null));
                    }
                    return out;
                }

                @Override
                public void commit(Collection<? extends Position> positions) {
                    if (!forgetCommits) {
                        positions.forEach(p -> COMMITTED.merge(dataset, ((Position.File) p).row(), Math::max));
                    }
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    /** A sink into one dataset; with {@code loseEveryTenth} it silently drops records (a broken sink). */
    record ListSink(String dataset, boolean loseEveryTenth) implements Sink<String> {
        @Override
        public SinkWriter<String> createWriter(dev.sluice.core.sink.SinkContext context) {
            return new SinkWriter<>() {
                final List<String> buffer = new ArrayList<>();
                int written;
                boolean closed;

                @Override
                public void write(Envelope<String> record) {
                    if (closed) {
                        throw new IllegalStateException("closed");
                    }
                    if (record == null) {
                        throw new NullPointerException("record must not be null");
                    }
                    if (!(loseEveryTenth && ++written % 10 == 0)) {
                        buffer.add(record.value());
                    }
                }

                @Override
                public void flush() {
                    data(dataset).addAll(buffer);
                    buffer.clear();
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }
}
