package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Emitter;
import dev.sluice.api.Envelope;
import dev.sluice.api.Transform;
import dev.sluice.api.TransformContext;
import dev.sluice.api.metrics.MetricGroup;
import dev.sluice.metrics.MicrometerPipelineListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The runtime driven through the API's contracts alone: an in-memory source and sink, no Kafka.
 * What it shows holds for any connector that keeps the Source and Sink contracts.
 */
class StreamRuntimeTest {

    private static final StreamConfig FAST = StreamConfig.defaults().withCommitInterval(Duration.ofMillis(50))
            .withPollTimeout(Duration.ofMillis(20)).withBreakerOpenFor(Duration.ofMillis(200));

    private static List<List<String>> partitions(int count, int each) {
        List<List<String>> all = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int partition = p;
            all.add(IntStream.range(0, each).mapToObj(i -> "p" + partition + "-" + i).toList());
        }
        return all;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void everyRecordOfAnInMemorySourceReachesTheSinkAndIsCommittedOnlyAfterTheFlush() throws Exception {
        MemorySource source = new MemorySource("mem", partitions(3, 200));
        MemorySink sink = new MemorySink();
        try (StreamPipeline<String, String> p = StreamPipeline.builder("mem", source).via(Transform.map(String::toUpperCase))
                .config(FAST).to(sink)) {
            p.start();
            await("600 committed", () -> source.committedTotal() == 600);
            assertThat(p.isHealthy()).isTrue();
        }
        assertThat(sink.durable).hasSize(600).contains("P0-0", "P2-199");
    }

    @Test
    void aTransientSinkFailureRewindsTheSourceAndNothingIsLost() throws Exception {
        MemorySource source = new MemorySource("mem", partitions(2, 300));
        MemorySink sink = new MemorySink();
        sink.failNextFlushes.set(2);
        try (StreamPipeline<String, String> p = StreamPipeline.builder("mem", source).config(FAST).to(sink)) {
            p.start();
            await("600 committed", () -> source.committedTotal() == 600);
            assertThat(p.lastError()).get().asString().contains("memory sink unavailable");
        }
        assertThat(source.rewinds.get()).as("rewound after each failed flush").isGreaterThanOrEqualTo(2);
        assertThat(new HashSet<>(sink.durable)).as("every record once at least").hasSize(600);
    }

    @Test
    void anUnacknowledgedBacklogPausesTheSourceUntilItDrains() throws Exception {
        MemorySource source = new MemorySource("mem", partitions(1, 500));
        MemorySink sink = new MemorySink();
        sink.reportPending = 1_000;
        try (StreamPipeline<String, String> p = StreamPipeline.builder("mem", source).config(FAST.withMaxPendingRecords(100)).to(sink)) {
            p.start();
            await("paused", () -> source.pauses.get() > 0);
            long stalled = source.committedTotal();
            Thread.sleep(200);
            assertThat(source.committedTotal()).as("nothing more read while paused").isLessThanOrEqualTo(stalled + 50);
            sink.reportPending = 0;
            await("500 committed once drained", () -> source.committedTotal() == 500);
        }
        assertThat(sink.durable).hasSize(500);
    }

    @Test
    void partitionsAboutToBeRevokedAreCommittedFirstSoTheNextOwnerReadsNothingTwice() throws Exception {
        MemorySource source = new MemorySource("mem", partitions(2, 1_000));
        MemorySink sink = new MemorySink();
        // A commit interval longer than the test: only the revoke (and the end of the input) can commit.
        StreamConfig slow = FAST.withCommitInterval(Duration.ofMinutes(5));
        try (StreamPipeline<String, String> p = StreamPipeline.builder("mem", source).via(Transform.map(StreamRuntimeTest::slowly))
                .config(slow).to(sink)) {
            p.start();
            await("some records read", () -> source.handedOut.get() >= 200);
            source.requestRevoke();
            await("revoked", () -> source.revokes.get() == 1);
            assertThat(source.committedTotal()).as("committed at the revoke").isPositive().isLessThan(2_000);
            assertThat(sink.durable).as("flushed before the commit").hasSize((int) source.committedTotal());
            await("2,000 committed", () -> source.committedTotal() == 2_000);
        }
        assertThat(sink.durable).as("the revoke flushed and committed, so nothing was read again").hasSize(2_000);
    }

    private static String slowly(String v) {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return v;
    }

    @Test
    void exactlyOnceRefusesASourceOrSinkThatCannotCommitInOneTransaction() {
        MemorySource source = new MemorySource("mem", partitions(1, 1));
        assertThatThrownBy(() -> StreamPipeline.builder("mem", source).config(FAST.withDelivery(Delivery.EXACTLY_ONCE)).to(new MemorySink()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be transactional");
    }

    @Test
    void aTransformsOwnMetricsLandInThePipelinesRegistryWithItsTag() throws Exception {
        MemorySource source = new MemorySource("mem", partitions(2, 100));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Transform<String, String> counting = new Transform<>() {
            private transient MetricGroup.LongCounter seen;

            @Override
            public void open(TransformContext context) {
                seen = context.metricGroup().counter("mem.seen", "records the transform saw", "task", String.valueOf(context.taskIndex()));
            }

            @Override
            public void apply(Envelope<String> in, Emitter<String> out) {
                seen.add(1);
                out.emit(in);
            }
        };
        try (StreamPipeline<String, String> p = StreamPipeline.builder("mem", source).via(counting).config(FAST)
                .listener(new MicrometerPipelineListener(registry, "mem")).to(new MemorySink())) {
            p.start();
            await("200 committed", () -> source.committedTotal() == 200);
        }
        assertThat(registry.get("mem.seen").tag("pipeline", "mem").tag("task", "0").counter().count()).isEqualTo(200);
    }
}
