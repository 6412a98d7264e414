package dev.sluice.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * Closes what was added to it all at once, each on a thread of its own, and returns when all are
 * closed. Once the demo's stages are closed, none of its services (Kafka, S3, Pinot, OpenSearch,
 * the registry, PostgreSQL) needs another, so a stopping run waits for the slowest of them, not
 * their sum. A failure to close is thrown once all are done, the others' failures suppressed in it.
 */
final class ParallelClose implements AutoCloseable {

    private final List<AutoCloseable> added = new ArrayList<>();

    /** Adds {@code resource} (null is ignored) and returns it. */
    <T extends AutoCloseable> T add(T resource) {
        if (resource != null) {
            added.add(resource);
        }
        return resource;
    }

    @Override
    public void close() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable r : added) {
            Thread t = new Thread(() -> {
                try {
                    r.close();
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "close-" + r.getClass().getSimpleName());
            t.start();
            threads.add(t);
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join(); // every close finishes, even when this thread is interrupted
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        added.clear();
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
