package dev.sluice.testkit;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.api.sink.TransactionalSink;
import dev.sluice.api.sink.TransactionalSinkWriter;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceCommit;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
        return DATA.computeIfAbsent(dataset, d -> Collections.synchronizedList(new ArrayList<>()));
    }

    /** A source over one dataset; with {@code forgetCommits} it ignores commit() (a broken source). */
    record ListSource(String dataset, boolean forgetCommits) implements Source<String> {
        @Override
        public SourceReader<String> createReader(SourceContext context) {
            return new SourceReader<>() {
                long next = COMMITTED.getOrDefault(dataset, -1L) + 1;
                boolean closed;
                boolean paused;

                @Override
                public List<Envelope<String>> poll(Duration timeout) {
                    if (closed) {
                        throw new IllegalStateException("closed");
                    }
                    List<String> all = data(dataset);
                    List<Envelope<String>> out = new ArrayList<>();
                    if (paused) {
                        return out;
                    }
                    for (; next < all.size(); next++) {
                        out.add(Envelope.of(all.get((int) next), null, EnvelopeHeaders.empty(),
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
                public void pause() {
                    paused = true;
                }

                @Override
                public void resume() {
                    paused = false;
                }

                @Override
                public void rewind() {
                    next = COMMITTED.getOrDefault(dataset, -1L) + 1;
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
        public SinkWriter<String> createWriter(SinkContext context) {
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

    /** A transactional list sink; with {@code abortKeeps}, abort forgets nothing (a broken transaction). */
    record TxListSink(String dataset, boolean abortKeeps) implements TransactionalSink<String> {
        @Override
        public TransactionalSink<String> forTransactions(String idPrefix) {
            return this;
        }

        @Override
        public TransactionalSinkWriter<String> createWriter(SinkContext context) {
            return new TransactionalSinkWriter<>() {
                final List<String> open = new ArrayList<>();
                boolean closed;

                @Override
                public void write(Envelope<String> record) {
                    if (closed) {
                        throw new IllegalStateException("closed");
                    }
                    if (record == null) {
                        throw new NullPointerException("record must not be null");
                    }
                    open.add(record.value());
                }

                @Override
                public void commit(SourceCommit source) {
                    flush();
                }

                @Override
                public void abort() {
                    if (!abortKeeps) {
                        open.clear();
                    }
                }

                @Override
                public void flush() {
                    data(dataset).addAll(open);
                    open.clear();
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }
}
