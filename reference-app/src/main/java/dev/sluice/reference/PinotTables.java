package dev.sluice.reference;

import dev.sluice.catalog.pinot.PinotAdmin;
import dev.sluice.catalog.pinot.PinotQuery;
import dev.sluice.catalog.pinot.PinotStream;
import dev.sluice.catalog.pinot.PinotTableSpec;
import dev.sluice.catalog.pinot.SegmentPush;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.testkit.PinotCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pinot in the demo, when its runtime is there (built by {@code lib-testkit/pinot}): a REALTIME
 * table {@code clicks} consuming the Pinot-facing topic (plain Avro of {@link EnrichedClick}), and
 * after the batch an OFFLINE table {@code clicks_history} loaded from the compacted raw zone, one
 * segment per {@code dt/hr} partition. Both derived from the Avro schema by lib-catalog.
 */
final class AppPinot implements AutoCloseable {

    static final String TOPIC = "clicks-pinot";
    static final String REALTIME = "clicks";
    static final String OFFLINE = "clicks_history";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final PinotCluster cluster;
    private final PinotAdmin admin;
    private final PinotQuery broker;

    private AppPinot(PinotCluster cluster) {
        this.cluster = cluster;
        this.admin = new PinotAdmin(cluster.controllerUrl());
        this.broker = new PinotQuery(cluster.brokerUrl());
    }

    /** Starts Pinot, or says plainly why it is skipped. */
    static Optional<AppPinot> start(PrintStream out) {
        try {
            AppPinot pinot = new AppPinot(PinotCluster.start());
            out.printf("  pinot       controller %s, broker %s (Pinot 0.11, child JVM)%n", pinot.cluster.controllerUrl(), pinot.cluster.brokerUrl());
            return Optional.of(pinot);
        } catch (RuntimeException e) {
            out.printf("  pinot       skipped: %s%n", e.getMessage());
            return Optional.empty();
        }
    }

    void createRealtime(String bootstrapServers) {
        admin.putRealtimeTable(PinotTableSpec.of(REALTIME, EnrichedClick.getClassSchema(), "timestamp").withMetrics("durationMs"),
                PinotStream.avro(TOPIC, bootstrapServers).withFlushRows(50_000));
    }

    /** Waits for the REALTIME table to hold {@code expected} rows; prints the result. */
    boolean awaitRealtime(long expected, PrintStream out) throws InterruptedException {
        long rows = broker.awaitCount(REALTIME, expected, WAIT);
        out.printf("  pinot %-13s %,d rows (%s)%n", REALTIME, rows, rows == expected ? "= " + ReferenceApp.CLEAN : "NO: differs from " + ReferenceApp.CLEAN);
        return rows == expected;
    }

    /** Pushes each compacted raw-zone partition as an OFFLINE segment; prints and checks the count. */
    boolean pushHistory(Path rawTable, long expected, PrintStream out) throws IOException, InterruptedException {
        admin.putOfflineTable(PinotTableSpec.of(OFFLINE, EnrichedClick.getClassSchema(), "timestamp").withMetrics("durationMs")
                .withParquetTimestamps());
        SegmentPush push = new SegmentPush(admin);
        int segments = 0;
        try (Stream<Path> hours = Files.walk(rawTable, 2)) {
            for (Path hour : hours.filter(p -> p.getFileName().toString().startsWith("hr=")).sorted().toList()) {
                List<Path> files;
                try (Stream<Path> f = Files.list(hour)) {
                    files = f.filter(p -> p.toString().endsWith(".parquet")).toList();
                }
                String partition = hour.getParent().getFileName().toString().substring(3) + "_" + hour.getFileName().toString().substring(3);
                segments += push.push(OFFLINE, partition, files, "parquet").size();
            }
        }
        long rows = broker.awaitCount(OFFLINE, expected, WAIT);
        out.printf("  pinot %-13s %,d rows in %d segment(s) from the compacted raw zone (%s)%n", OFFLINE, rows, segments,
                rows == expected ? "= " + ReferenceApp.CLEAN : "NO: differs from " + ReferenceApp.CLEAN);
        return rows == expected;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
