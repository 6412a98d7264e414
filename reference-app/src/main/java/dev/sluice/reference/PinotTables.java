package dev.sluice.reference;

import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.catalog.pinot.PinotAdmin;
import dev.sluice.catalog.pinot.PinotQuery;
import dev.sluice.catalog.pinot.PinotStream;
import dev.sluice.catalog.pinot.PinotTableSpec;
import dev.sluice.catalog.pinot.SegmentPush;
import dev.sluice.reference.model.EnrichedClick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * The pipeline's Pinot tables, both derived from {@link EnrichedClick}'s schema by lib-catalog: a
 * REALTIME table {@code clicks} consuming the Pinot-facing topic, and an OFFLINE table
 * {@code clicks_history} loaded a day at a time from the compacted raw zone, one segment per
 * {@code dt/hr} partition (named by it, so a re-push replaces the segment).
 */
final class PinotTables {

    static final String REALTIME = "clicks";
    static final String OFFLINE = "clicks_history";
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** What a day's push did: segments pushed, rows in their files, and rows Pinot answers for the day. */
    record Pushed(int segments, long fileRows, long tableRows) {
        boolean complete() {
            return tableRows == fileRows;
        }
    }

    private final PinotAdmin admin;
    private final PinotQuery broker;

    PinotTables(AppConfig.Pinot pinot) {
        this.admin = new PinotAdmin(pinot.controller().toString());
        this.broker = new PinotQuery(pinot.broker().toString());
    }

    /** The REALTIME table, derived from {@link EnrichedClick} (also what {@code infra/serving/pinot} holds, see {@link ServingFiles}). */
    static PinotTableSpec realtimeSpec() {
        return PinotTableSpec.of(REALTIME, EnrichedClick.getClassSchema(), "timestamp").withMetrics("durationMs");
    }

    /** The Pinot-facing topic as the REALTIME table consumes it. */
    static PinotStream realtimeStream(String bootstrap) {
        return PinotStream.avro(CleanClicks.PINOT, bootstrap).withFlushRows(50_000);
    }

    /** Creates or updates the REALTIME table over the Pinot-facing topic. */
    void createRealtime(AppKafkaClients kafka) {
        admin.putRealtimeTable(realtimeSpec(), realtimeStream(kafka.bootstrap()));
    }

    /** Waits for the REALTIME table to hold {@code expected} rows; the rows it holds. */
    long awaitRealtime(long expected) throws InterruptedException {
        return broker.awaitCount(REALTIME, expected, WAIT);
    }

    /** Pushes each of the day's compacted raw-zone partitions as an OFFLINE segment, then counts the day in Pinot. */
    Pushed pushDay(LakeObjects lake, LocalDate day) throws IOException, InterruptedException {
        admin.putOfflineTable(PinotTableSpec.of(OFFLINE, EnrichedClick.getClassSchema(), "timestamp").withMetrics("durationMs")
                .withParquetTimestamps());
        Map<String, List<String>> byHour = new TreeMap<>();
        for (String key : lake.parquet(RawZone.TABLE + "/dt=" + day + "/")) {
            byHour.computeIfAbsent(RawZone.partitionValue(key, "hr"), h -> new ArrayList<>()).add(key);
        }
        SegmentPush push = new SegmentPush(admin);
        Path tmp = Files.createTempDirectory("sluice-pinot-push-");
        int segments = 0;
        long rows = 0;
        try {
            for (Map.Entry<String, List<String>> hour : byHour.entrySet()) {
                List<Path> files = new ArrayList<>();
                for (String key : hour.getValue()) {
                    Path f = lake.download(key, tmp);
                    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
                        rows += r.getRecordCount();
                    }
                    files.add(f);
                }
                segments += push.push(OFFLINE, day + "_" + hour.getKey(), files, "parquet").size();
                for (Path f : files) {
                    Files.delete(f);
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        // The time column holds microseconds (Sluice's Parquet timestamps): the day's range in them.
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000;
        long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000;
        long inPinot = broker.awaitCount(OFFLINE, "\"timestamp\" >= " + from + " AND \"timestamp\" < " + to, rows, WAIT);
        return new Pushed(segments, rows, inPinot);
    }

    /** The tables as stages: REALTIME from its topic, OFFLINE from the raw zone's output. */
    static List<PipelineGraph> graphs(PipelineGraph rawZone) {
        return List.of(
                PipelineGraph.of("pinot-realtime", List.of(LineageDataset.kafkaTopic(CleanClicks.PINOT, EnrichedClick.getClassSchema())),
                        List.of(new LineageDataset("pinot", REALTIME, EnrichedClick.getClassSchema()))),
                PipelineGraph.of("pinot-offline", rawZone.outputs(), List.of(new LineageDataset("pinot", OFFLINE, EnrichedClick.getClassSchema()))));
    }
}
