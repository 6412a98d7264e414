package dev.sluice.testkit;

import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.Failure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps dead letters in memory for assertions. Thread-safe. */
public final class CollectingDeadLetterSink implements DeadLetterSink {

    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private volatile int flushes;

    @Override
    public void send(Failure failure) {
        failures.add(failure);
    }

    @Override
    public void flush() {
        flushes++;
    }

    /** Every dead letter, in arrival order. */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    public int flushes() {
        return flushes;
    }

    public void clear() {
        failures.clear();
    }
}
