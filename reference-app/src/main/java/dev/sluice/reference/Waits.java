package dev.sluice.reference;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking waits run side by side, each on a daemon thread of its own: the common pool has a
 * thread per core but one, so on three or four cores waits given to it would queue behind each
 * other (on two, CompletableFuture already makes a thread per task).
 */
final class Waits {

    /** A new daemon thread per task. */
    static final Executor THREADS = runnable -> {
        Thread t = new Thread(runnable, "demo-wait");
        t.setDaemon(true);
        t.start();
    };

    private Waits() {}

    /**
     * Waits up to {@code timeout} for all of {@code waits} to end, however they end: on a run's
     * failure path, so that no stage is closed under a wait still using it. Their own failures are
     * not rethrown here; the run already fails with the first.
     */
    static void settle(List<? extends CompletableFuture<?>> waits, Duration timeout) {
        try {
            CompletableFuture.allOf(waits.stream().map(w -> w.exceptionally(t -> null)).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // given up: the waits are daemon threads
        }
    }

    /** {@link #async} once {@code first} has completed normally; if {@code first} fails, so does the answer, with its failure. */
    static <T> CompletableFuture<T> after(CompletableFuture<?> first, Callable<T> then) {
        return first.thenCompose(done -> async(then));
    }

    /** Runs {@code wait} on its own thread; what it throws is the future's failure, rethrown by {@code join}. */
    static <T> CompletableFuture<T> async(Callable<T> wait) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return wait.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, THREADS);
    }
}
