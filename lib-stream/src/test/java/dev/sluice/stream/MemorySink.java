package dev.sluice.stream;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that keeps what was flushed, for driving the runtime without Kafka. It can fail its next
 * flushes transiently (an outage) and report records as pending (an unacknowledged backlog).
 */
final class MemorySink implements Sink<String> {

    private static final long serialVersionUID = 1L;

    final List<String> durable = new CopyOnWriteArrayList<>();
    final AtomicInteger failNextFlushes = new AtomicInteger();
    volatile long reportPending;

    @Override
    public SinkWriter<String> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            private final List<String> buffered = new ArrayList<>();

            @Override
            public void write(Envelope<String> record) {
                buffered.add(record.value());
            }

            @Override
            public void flush() {
                if (failNextFlushes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    buffered.clear(); // what the outage took: the runtime must send it again
                    throw new RetriableException("memory sink unavailable");
                }
                durable.addAll(buffered);
                buffered.clear();
            }

            @Override
            public long pendingRecords() {
                return reportPending;
            }

            @Override
            public void close() {}
        };
    }
}
