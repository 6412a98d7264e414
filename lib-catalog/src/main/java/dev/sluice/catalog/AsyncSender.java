package dev.sluice.catalog;

import dev.sluice.api.Require;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a catalog off the data path: {@link #offer} never blocks; a bounded queue feeds one
 * background thread that hands batches to the real sender (which does its own retries). A catalog
 * outage costs metadata, never records: what does not fit the queue, what the sender gives up on
 * and what is still queued at close are dropped, counted in {@code sluice.catalog.items} (tags
 * {@code target} and {@code outcome}) and logged.
 *
 * @param <T> what is sent: DataHub proposals, OpenLineage events
 */
public final class AsyncSender<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsyncSender.class);
    private static final int BATCH = 100;

    private final String target;
    private final Consumer<List<T>> send;
    private final Runnable onClose;
    private final BlockingQueue<T> queue;
    private final Counter sent;
    private final Counter droppedFull;
    private final Counter droppedFailed;
    private final Thread worker;
    private volatile boolean closing;

    /**
     * @param target   names the catalog in metrics, logs and the thread ({@code datahub}, {@code openlineage})
     * @param send     delivers a batch or throws
     * @param onClose  releases the sender after the last batch
     * @param capacity queued items at most
     */
    public AsyncSender(String target, Consumer<List<T>> send, Runnable onClose, int capacity, MeterRegistry meters) {
        this.target = Require.nonBlank(target, "target");
        this.send = Require.nonNull(send, "send");
        this.onClose = Require.nonNull(onClose, "onClose");
        this.queue = new ArrayBlockingQueue<>(Require.atLeast(capacity, 1, "capacity"));
        this.sent = counter(meters, "sent");
        this.droppedFull = counter(meters, "dropped_queue_full");
        this.droppedFailed = counter(meters, "dropped_failed");
        Gauge.builder("sluice.catalog.queue.size", queue, BlockingQueue::size).tag("target", target)
                .description("Catalog items waiting to be sent").register(meters);
        this.worker = new Thread(this::run, "sluice-catalog-" + target);
        worker.setDaemon(true);
        worker.start();
    }

    private Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("sluice.catalog.items").tag("target", target).tag("outcome", outcome)
                .description("Catalog items (DataHub proposals, OpenLineage events) by outcome").register(meters);
    }

    /** Queues the items; those that do not fit are dropped and counted. Never blocks. */
    public void offer(List<T> items) {
        int dropped = 0;
        for (T item : items) {
            if (closing || !queue.offer(item)) {
                dropped++;
            }
        }
        if (dropped > 0) {
            droppedFull.increment(dropped);
            log.warn("{} queue full or closing: dropped {} of {} item(s); {} dropped so far", target, dropped, items.size(),
                    (long) droppedFull.count());
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                send.accept(batch);
                sent.increment(batch.size());
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                droppedFailed.increment(batch.size());
                log.error("{}: gave up on {} item(s): {}", target, batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    public long sentCount() {
        return (long) sent.count();
    }

    /** Dropped for any reason: queue full, sender failure, unsent at close. */
    public long droppedCount() {
        return (long) (droppedFull.count() + droppedFailed.count());
    }

    /** Sends what is queued for up to {@code grace}, then stops; anything left is dropped, counted and logged. */
    public void close(Duration grace) {
        closing = true;
        try {
            worker.join(grace.toMillis());
            worker.interrupt();
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            droppedFailed.increment(left);
            log.warn("{}: closed with {} item(s) unsent; dropped", target, left);
        }
        onClose.run();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
