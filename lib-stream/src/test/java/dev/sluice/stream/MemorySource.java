package dev.sluice.stream;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.source.PartitionListener;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourcePartition;
import dev.sluice.api.source.SourceReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source of fixed in-memory partitions, for driving the runtime without Kafka: one reader owns
 * every partition, honours pause, resume and rewind, and can be told to revoke its partitions
 * (a rebalance). What was committed and how often the reader was paused are kept for assertions.
 */
final class MemorySource implements Source<String> {

    private static final long serialVersionUID = 1L;

    final String topic;
    final List<List<String>> partitions;
    /** The next offset to read after the last commit, per partition. */
    final Map<SourcePartition, Long> committed = new ConcurrentHashMap<>();
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicInteger rewinds = new AtomicInteger();
    private final AtomicBoolean revokeRequested = new AtomicBoolean();
    final AtomicInteger revokes = new AtomicInteger();
    final AtomicLong handedOut = new AtomicLong();

    MemorySource(String topic, List<List<String>> partitions) {
        this.topic = topic;
        this.partitions = partitions;
    }

    /** The next poll tells the runtime that every partition is leaving, then takes them back. */
    void requestRevoke() {
        revokeRequested.set(true);
    }

    long committedTotal() {
        return committed.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public SourceReader<String> createReader(SourceContext context) {
        return new Reader(context.partitions());
    }

    private final class Reader implements SourceReader<String> {
        private final PartitionListener listener;
        private final long[] next = new long[partitions.size()];
        private boolean paused;

        Reader(PartitionListener listener) {
            this.listener = listener;
            for (int p = 0; p < next.length; p++) {
                next[p] = committed.getOrDefault(new SourcePartition(topic, p), 0L);
            }
        }

        @Override
        public List<Envelope<String>> poll(Duration timeout) {
            if (revokeRequested.getAndSet(false)) {
                listener.beforeRevoke(assignment());
                revokes.incrementAndGet();
                rewind(); // the partitions come back to this reader, from their commit
            }
            List<Envelope<String>> out = new ArrayList<>();
            if (!paused) {
                for (int p = 0; p < next.length && out.size() < 50; p++) {
                    List<String> values = partitions.get(p);
                    while (next[p] < values.size() && out.size() < 50) {
                        long offset = next[p]++;
                        out.add(Envelope.of(values.get((int) offset), null, EnvelopeHeaders.empty(), new Position.Kafka(topic, p, offset),
                                Instant.EPOCH, null));
                    }
                }
            }
            handedOut.addAndGet(out.size());
            if (out.isEmpty()) {
                try {
                    Thread.sleep(Math.min(timeout.toMillis(), 5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return out;
        }

        @Override
        public void commit(Collection<? extends Position> positions) {
            for (Position pos : positions) {
                Position.Offset o = (Position.Offset) pos;
                committed.merge(o.sourcePartition(), o.offset() + 1, Math::max);
            }
        }

        @Override
        public Set<SourcePartition> assignment() {
            Set<SourcePartition> all = new HashSet<>();
            for (int p = 0; p < next.length; p++) {
                all.add(new SourcePartition(topic, p));
            }
            return all;
        }

        @Override
        public void pause() {
            paused = true;
            pauses.incrementAndGet();
        }

        @Override
        public void resume() {
            paused = false;
        }

        @Override
        public int pausedPartitions() {
            return paused ? next.length : 0;
        }

        @Override
        public void rewind() {
            rewinds.incrementAndGet();
            for (int p = 0; p < next.length; p++) {
                next[p] = committed.getOrDefault(new SourcePartition(topic, p), 0L);
            }
        }

        @Override
        public void close() {}
    }
}
