package dev.sluice.stream;

import dev.sluice.api.Require;
import java.time.Duration;

/**
 * How a {@link StreamPipeline} runs.
 *
 * @param workers           worker threads in this process, each its own consumer-group member
 * @param delivery          at-least-once or exactly-once
 * @param instanceId        stable and unique per process (a pod name, say), or null. Workers join
 *                          as static members {@code <instanceId>-<worker>}, so a restarted process
 *                          takes its partitions back without waiting for the old session to expire,
 *                          and exactly-once derives transactional ids from it, so the restart fences
 *                          its predecessor's open transactions at once
 * @param maxPendingRecords per worker: written but not yet acknowledged records above which the
 *                          worker pauses its partitions (backpressure)
 * @param commitInterval    how often positions (and transactions) are committed while records keep
 *                          coming; a worker whose poll returns nothing commits at once
 * @param pollTimeout       longest wait in one poll
 * @param shutdownTimeout   how long {@link StreamPipeline#close()} waits for workers to drain,
 *                          flush and commit before it abandons them
 * @param breakerOpenFor    after a sink failure, how long the worker stays paused before it
 *                          tries again
 */
public record StreamConfig(int workers, Delivery delivery, String instanceId, long maxPendingRecords, Duration commitInterval,
                           Duration pollTimeout, Duration shutdownTimeout, Duration breakerOpenFor) {

    public StreamConfig {
        Require.atLeast(workers, 1, "workers");
        Require.nonNull(delivery, "delivery");
        if (instanceId != null) {
            Require.nonBlank(instanceId, "instanceId");
        }
        Require.atLeast(maxPendingRecords, 1, "maxPendingRecords");
        Require.positive(commitInterval, "commitInterval");
        Require.positive(pollTimeout, "pollTimeout");
        Require.positive(shutdownTimeout, "shutdownTimeout");
        Require.positive(breakerOpenFor, "breakerOpenFor");
    }

    /** One worker, at-least-once, 20,000 pending records, commits every second. */
    public static StreamConfig defaults() {
        return new StreamConfig(1, Delivery.AT_LEAST_ONCE, null, 20_000, Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    public StreamConfig withWorkers(int v) {
        return new StreamConfig(v, delivery, instanceId, maxPendingRecords, commitInterval, pollTimeout, shutdownTimeout, breakerOpenFor);
    }

    public StreamConfig withDelivery(Delivery v) {
        return new StreamConfig(workers, v, instanceId, maxPendingRecords, commitInterval, pollTimeout, shutdownTimeout, breakerOpenFor);
    }

    public StreamConfig withInstanceId(String v) {
        return new StreamConfig(workers, delivery, v, maxPendingRecords, commitInterval, pollTimeout, shutdownTimeout, breakerOpenFor);
    }

    public StreamConfig withMaxPendingRecords(long v) {
        return new StreamConfig(workers, delivery, instanceId, v, commitInterval, pollTimeout, shutdownTimeout, breakerOpenFor);
    }

    public StreamConfig withCommitInterval(Duration v) {
        return new StreamConfig(workers, delivery, instanceId, maxPendingRecords, v, pollTimeout, shutdownTimeout, breakerOpenFor);
    }

    public StreamConfig withPollTimeout(Duration v) {
        return new StreamConfig(workers, delivery, instanceId, maxPendingRecords, commitInterval, v, shutdownTimeout, breakerOpenFor);
    }

    public StreamConfig withShutdownTimeout(Duration v) {
        return new StreamConfig(workers, delivery, instanceId, maxPendingRecords, commitInterval, pollTimeout, v, breakerOpenFor);
    }

    public StreamConfig withBreakerOpenFor(Duration v) {
        return new StreamConfig(workers, delivery, instanceId, maxPendingRecords, commitInterval, pollTimeout, shutdownTimeout, v);
    }
}
