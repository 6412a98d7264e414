package dev.sluice.reference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Reads the pipeline's {@code sluice.*} meters back for progress lines and the summary. */
record StageStats(long decoded, long transformIn, long clean, long deadLettered, long lag) {

    static StageStats read(MeterRegistry registry, String sourceComponent, String sinkComponent) {
        return new StageStats(
                count(registry, "sluice.records.out", sourceComponent),
                count(registry, "sluice.records.in", "transform"),
                count(registry, "sluice.records.out", sinkComponent),
                deadLetters(registry, null),
                lag(registry));
    }

    /**
     * Waits until the stage has read {@code records} from its source (decoded, or dead-lettered as
     * undecodable) and its consumer is at the end of its partitions: once nothing more is written to
     * its topic, that is the topic's end, and closing the stage then flushes and commits all of it
     * without waiting for an idle roll or a commit interval. False on timeout or as soon as
     * {@code healthy} says no.
     */
    static boolean awaitRead(MeterRegistry registry, String sourceComponent, long records, Duration timeout, BooleanSupplier healthy)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // The lag too: after a re-read (a rebalance) the count alone would reach the end's early.
        while (count(registry, "sluice.records.out", sourceComponent) + deadLetters(registry, "deserialize") < records || lag(registry) > 0) {
            if (System.nanoTime() > deadline || !healthy.getAsBoolean()) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Records behind the end of the partitions, summed over the stage's consumer as it last polled. */
    private static long lag(MeterRegistry registry) {
        return (long) registry.find("sluice.consumer.lag").gauges().stream().mapToDouble(Gauge::value).sum();
    }

    /** Records dead-lettered at {@code stage} ({@code deserialize}, {@code transform}, {@code sink}), or at any stage when null. */
    static long deadLetters(MeterRegistry registry, String stage) {
        var search = registry.find("sluice.failures").tag("decision", "dead_letter");
        if (stage != null) {
            search = search.tag("stage", stage);
        }
        return (long) search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long count(MeterRegistry registry, String name, String component) {
        Counter c = registry.find(name).tag("component", component).counter();
        return c == null ? 0 : (long) c.count();
    }

    /** Transform inputs that produced no output and no failure: the bots. */
    long filtered(long transformDeadLetters) {
        return transformIn - clean - transformDeadLetters;
    }
}
