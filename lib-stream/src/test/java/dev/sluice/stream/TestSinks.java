package dev.sluice.stream;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.stream.testing.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sinks with controlled misbehaviour, to drive the runtime's failure and backpressure paths. Their
 * records land in a shared in-memory set, read by the test.
 */
final class TestSinks {

    private TestSinks() {}

    /** Delivered values by sink name (static: sinks are serializable descriptions). */
    static final ConcurrentHashMap<String, Set<Long>> DELIVERED = new ConcurrentHashMap<>();
    static final ConcurrentHashMap<String, AtomicInteger> FLUSH_FAILURES = new ConcurrentHashMap<>();
    static final ConcurrentHashMap<String, AtomicLong> MAX_PENDING = new ConcurrentHashMap<>();

    static Set<Long> delivered(String name) {
        return DELIVERED.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
    }

    /** Fails its first {@code failures} flushes with a transient error (a store that is down), then works. */
    record Flaky(String name, int failures) implements Sink<Long> {
        @Override
        public SinkWriter<Long> createWriter(SinkContext context) {
            AtomicInteger failed = FLUSH_FAILURES.computeIfAbsent(name, n -> new AtomicInteger());
            return new SinkWriter<>() {
                final List<Long> buffer = new ArrayList<>();

                @Override
                public void write(Envelope<Long> record) {
                    buffer.add(record.value());
                }

                @Override
                public void flush() {
                    if (failed.get() < failures) {
                        failed.incrementAndGet();
                        buffer.clear(); // what was buffered is gone with the failed upload
                        throw new RetriableException(name + " unavailable (simulated outage)");
                    }
                    delivered(name).addAll(buffer);
                    buffer.clear();
                }

                @Override
                public void close() {}
            };
        }
    }

    /** A sink of the runtime's test type that is not Kafka, for validation tests. */
    record NotKafka() implements Sink<Txn> {
        @Override
        public SinkWriter<Txn> createWriter(SinkContext context) {
            throw new UnsupportedOperationException("validation only");
        }
    }

    /** Acknowledges records asynchronously at {@code perSecond}; reports what is unacknowledged. */
    record Slow(String name, int perSecond) implements Sink<Long> {
        @Override
        public SinkWriter<Long> createWriter(SinkContext context) {
            AtomicLong maxPending = MAX_PENDING.computeIfAbsent(name, n -> new AtomicLong());
            ConcurrentLinkedQueue<Long> queue = new ConcurrentLinkedQueue<>();
            AtomicLong pending = new AtomicLong();
            ScheduledExecutorService acker = Executors.newSingleThreadScheduledExecutor();
            int perTick = Math.max(1, perSecond / 100);
            acker.scheduleAtFixedRate(() -> {
                for (int i = 0; i < perTick; i++) {
                    Long v = queue.poll();
                    if (v == null) {
                        return;
                    }
                    delivered(name).add(v);
                    pending.decrementAndGet();
                }
            }, 10, 10, TimeUnit.MILLISECONDS);
            return new SinkWriter<>() {
                @Override
                public void write(Envelope<Long> record) {
                    queue.add(record.value());
                    maxPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
                }

                @Override
                public void flush() {
                    while (pending.get() > 0) {
                        Thread.onSpinWait();
                    }
                }

                @Override
                public long pendingRecords() {
                    return pending.get();
                }

                @Override
                public void close() {
                    acker.shutdownNow();
                }
            };
        }
    }
}
