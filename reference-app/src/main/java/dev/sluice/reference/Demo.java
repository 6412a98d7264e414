package dev.sluice.reference;

import dev.sluice.batch.SqlOutput;
import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.embedded.TrinoServer;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.ingest.http.IngestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Every stage of the pipeline in one process, on the settings of the embedded services: the roles'
 * stages (ingest, orders, clean, raw zone, the daily compaction, curation and Pinot push, lineage)
 * plus a load generator and the orders service's writes; then a summary that checks every event is
 * accounted for, at the edge, in Kafka, in the raw files, in Pinot and in the curated table.
 */
final class Demo {

    static final String BUCKET = "lake";

    private final AppConfig config;
    private final DemoOptions options;
    private final PrintStream out;
    private final AppKafkaClients kafka;
    private final DemoReport report;
    private final Supplier<EmbeddedTrino.Started> startTrino;
    private final Optional<OpenSearchServer> search;
    private final StopSignal stop;
    private CompletableFuture<EmbeddedTrino.Started> trino;

    /** @param search the embedded search node that {@code config}'s elastic section names, to count its documents; empty without one */
    Demo(AppConfig config, DemoOptions options, PrintStream out, Supplier<EmbeddedTrino.Started> startTrino, Optional<OpenSearchServer> search,
         StopSignal stop) {
        this.stop = stop;
        this.startTrino = startTrino;
        this.search = search;
        this.config = config;
        this.options = options;
        this.out = out;
        this.kafka = new AppKafkaClients(config.kafka());
        this.report = new DemoReport(out);
    }

    /**
     * Runs the demo, then stops Trino if it was started. Trino starts only once the load is over
     * (its start would otherwise take CPU from the pipeline being measured), beside the batch; with
     * {@code --until-stopped} at once, so it can be queried while the pipeline runs.
     */
    boolean run(OrdersService orders) throws Exception {
        try {
            return runStages(orders);
        } finally {
            kafka.close();
            if (trino != null) {
                trino.join().server().ifPresent(TrinoServer::close);
            }
        }
    }

    private boolean runStages(OrdersService orders) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Optional<PinotTables> pinot = config.pinotCluster().map(PinotTables::new);
        SchemaRegistryClient registry = config.registry().client();
        // The raw zone's meters are its own, so its counts never mix with the clean stage's in the summary.
        try (IngestServer ingest = ClickIngest.start(kafka, config.ingest());
             CleanClicks clean = new CleanClicks(kafka, registry, meters);
             RawZone rawZone = new RawZone(kafka, config.lake(), CleanClicks.CLEAN, clean.cleanCodec(), new SimpleMeterRegistry());
             AppLineage lineage = new AppLineage(config.lineage(), meters);
             OrdersIngest ordersIngest = new OrdersIngest(kafka, registry, config.orders(), new SimpleMeterRegistry());
             LakeObjects lake = new LakeObjects(config.lake());
             // Null without a search node: try-with-resources skips a null resource.
             SearchIndex index = config.searchCluster()
                     .map(e -> new SearchIndex(kafka, e, CleanClicks.CLEAN, clean.cleanCodec(), new SimpleMeterRegistry())).orElse(null)) {
            lineage.started(Roles.graphs(config, kafka, registry, clean.graph(), rawZone.graph(), Optional.ofNullable(index).map(SearchIndex::graph)));
            pinot.ifPresent(p -> p.createRealtime(kafka));
            String endpoint = "http://127.0.0.1:" + ingest.port() + "/ingest/" + ClickIngest.STREAM;
            LoadGenerator generator = new LoadGenerator(URI.create(endpoint), 42);
            out.printf("  ingest      POST %s (JSON checked against ClickEvent, answered after acks=all) -> %s%n", endpoint, ClickIngest.RAW);
            out.printf("  pipeline    %s -> [validate, drop bots, enrich] -> %s, dead letters -> %s%n", ClickIngest.RAW, CleanClicks.CLEAN, CleanClicks.DLQ);
            out.printf("  raw zone    %s -> Parquet in s3://%s/%s/dt=.../hr=.../ (exactly once)%n", CleanClicks.CLEAN, BUCKET, RawZone.TABLE);
            if (index != null) {
                out.printf("  search      %s -> %s (one index per day, documents by eventId)%n", CleanClicks.CLEAN, index.searchPattern());
            }
            out.printf("  lineage     DataHub proposals -> %s%n", options.lineage().toAbsolutePath());
            clean.start();
            rawZone.start();
            if (index != null) {
                index.start();
                if (options.untilStopped()) {
                    out.printf("  search      try: curl '%s/%s/_search?q=country:DE&size=3&pretty'%n", config.elastic().url(), index.searchPattern());
                }
            }
            Thread feeder = feeder(generator);
            feeder.start();
            ordersIngest.start();
            int orderCount = (int) Math.max(10, Math.min(options.records() / 50, 10_000));
            CompletableFuture<OrdersService.Placed> placed = Waits.async(() -> {
                try {
                    return orders.placeAndShip(orderCount, stop::requested);
                } catch (SQLException e) {
                    throw new IllegalStateException("the orders service failed: " + e.getMessage(), e);
                }
            });
            out.printf("  orders-in   %s -> %s (CDC, Debezium) and %s -> %s (REST source)%n", OrdersService.TABLE, OrdersIngest.CDC,
                    orders.listingUrl(), OrdersIngest.API);
            if (options.untilStopped()) {
                startTrino().thenAccept(this::announce);
            }
            // Its wait overlaps the clicks' run and drain: nothing it reads depends on them.
            CompletableFuture<OrdersIngest.Statuses> shipped = placed.thenCompose(p -> Waits.async(() -> ordersIngest.await(p.orders(), Duration.ofSeconds(120))));
            List<CompletableFuture<?>> waits = new ArrayList<>(List.of(placed, shipped));
            try {
                long start = System.nanoTime();
                progress(meters, generator, feeder, rawZone, stop, start);
                feeder.interrupt();
                feeder.join();
                ingest.close(); // sources first: what /ingest acknowledged is in the raw topic, and nothing more comes
                // Each stage stops once it has read its topic's end: the close flushes and commits, with no idle roll or commit interval waited for.
                long onRaw = kafka.endOffsets(ClickIngest.RAW);
                boolean cleanCaughtUp = clean.drainAndClose(onRaw, Duration.ofSeconds(60));
                long onClean = kafka.endOffsets(CleanClicks.CLEAN);
                long onDlq = kafka.endOffsets(CleanClicks.DLQ);
                // The clean topic is final now: its three readers reach its end side by side, and each summary line's figures are
                // read as soon as its stage is done (the lake's files, the index's documents, the orders' final statuses), so the
                // summary waits for the slowest of them, not their sum.
                CompletableFuture<Boolean> lakeCaughtUp = Waits.async(() -> rawZone.drainAndClose(CleanClicks.CLEAN, onClean, Duration.ofSeconds(60)));
                CompletableFuture<LakeObjects.Contents> lakeFiles = Waits.after(lakeCaughtUp, () -> lake.contents(RawZone.TABLE + "/"));
                CompletableFuture<Boolean> indexCaughtUp = index == null ? null
                        : Waits.async(() -> index.drainAndClose(CleanClicks.CLEAN, onClean, Duration.ofSeconds(60)));
                CompletableFuture<Long> documents = index == null ? null
                        : Waits.after(indexCaughtUp, () -> search.map(s -> s.count(index.searchPattern())).orElse(-1L));
                CompletableFuture<Long> inPinot = pinot.map(p -> Waits.async(() -> p.awaitRealtime(onClean))).orElse(null);
                CompletableFuture<OrdersIngest.Statuses> statuses = shipped.thenCompose(
                        early -> Waits.async(() -> finalStatuses(early, ordersIngest, placed.join().orders())));
                waits.addAll(List.of(lakeCaughtUp, lakeFiles, statuses));
                Optional.ofNullable(documents).ifPresent(waits::add);
                Optional.ofNullable(inPinot).ifPresent(waits::add);
                boolean lakeDone = lakeCaughtUp.join();
                double seconds = (System.nanoTime() - start) / 1e9;
                boolean balanced = cleanCaughtUp & report.clicks(onRaw, onClean, onDlq, meters, generator,
                        ClickIngest.records(ingest, "accepted"), ClickIngest.records(ingest, "rejected"), seconds);
                boolean ok = report.rawZone(lakeFiles.join(), lakeDone, onClean);
                if (index != null) {
                    ok &= report.searchIndex(documents.join(), index.searchPattern(), config.elastic().url().toString(), indexCaughtUp.join(), onClean);
                }
                if (inPinot != null) {
                    ok &= report.realtime(inPinot.join(), onClean);
                }
                ok &= ordersIngest.summarize(statuses.join(), placed.join().orders(), placed.join().changes(), out);
                Map<String, Map<String, Long>> counts = new HashMap<>(Map.of(
                        "clicks-ingest", Map.of("records.in", generator.sent(), "records.out", generator.accepted()),
                        CleanClicks.NAME, Map.of("records.in", onRaw, "records.out", onClean, "records.dead_lettered", onDlq),
                        "raw-zone", Map.of("records.in", onClean, "records.out", lakeFiles.join().rows())));
                if (options.untilStopped()) {
                    // Stopped by the user: the summary comes now, not after a Spark batch of a minute.
                    out.println("  daily batch         skipped: the run was stopped; run without --until-stopped for the batch step");
                } else {
                    startTrino(); // beside the batch
                    ok &= daily(lake, pinot, registry, onClean, counts, lineage);
                    ok &= served(trino.join(), onClean);
                }
                lineage.finished(balanced && ok, counts);
                out.printf("  lineage             %s%n", lineage.describe());
                return balanced && ok;
            } finally {
                Waits.settle(waits, Duration.ofSeconds(60)); // done already, unless the run failed on its way
                stop.finished();
            }
        }
    }

    /** The orders' statuses: {@code early} if every order had shipped, else read again with a deadline from now (a long run's snapshot). */
    private static OrdersIngest.Statuses finalStatuses(OrdersIngest.Statuses early, OrdersIngest orders, int count) throws Exception {
        return orders.allShipped(early, count) ? early : orders.await(count, Duration.ofSeconds(120));
    }

    private void progress(SimpleMeterRegistry meters, LoadGenerator generator, Thread feeder, RawZone rawZone, StopSignal stop, long start)
            throws InterruptedException {
        long lastReport = 0;
        while (true) {
            StageStats s = StageStats.read(meters, CleanClicks.SOURCE_COMPONENT, CleanClicks.SINK_COMPONENT);
            long decodeFailures = StageStats.deadLetters(meters, "deserialize");
            boolean done = stop.requested()
                    || (!options.untilStopped() && !feeder.isAlive() && s.decoded() + decodeFailures >= generator.accepted());
            if (System.nanoTime() - lastReport > 2_000_000_000L || done) {
                lastReport = System.nanoTime();
                out.printf("  [%5.1fs] generated=%d rejected=%d decoded=%d clean=%d dead-lettered=%d lag=%d s3-files=%d%n",
                        (System.nanoTime() - start) / 1e9, generator.sent(), generator.rejected(), s.decoded(), s.clean(),
                        s.deadLettered(), s.lag(), rawZone.files());
            }
            if (done) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** The daily roles for each day the raw zone holds (compaction, curation, Pinot push), then the streaming SQL over the clean topic. */
    private boolean daily(LakeObjects lake, Optional<PinotTables> pinot, SchemaRegistryClient registry, long onClean,
                          Map<String, Map<String, Long>> counts, AppLineage lineage) throws Exception {
        DailyBatch batch = new DailyBatch(config.lake());
        long compacted = 0;
        int partitions = 0;
        long in = 0;
        long failed = 0;
        long rows = 0;
        long views = 0;
        int segments = 0;
        long inPinot = 0;
        ClickMinutes.Totals minutes;
        SqlOutput perMinute;
        SparkSession spark = LocalSpark.start(config.lake().spark(), "local[2]", "sluice-daily-batch");
        try {
            for (LocalDate day : DailyBatch.days(lake)) {
                DailyBatch.Compacted c = batch.compact(spark, lake, day);
                compacted += c.rows();
                partitions += c.partitions();
                DailyBatch.Curated cur = batch.curate(spark, day);
                in += cur.job().in();
                failed += cur.job().failed();
                rows += cur.rows();
                views += cur.views();
                if (pinot.isPresent()) {
                    PinotTables.Pushed p = pinot.get().pushDay(lake, day);
                    segments += p.segments();
                    inPinot += p.tableRows();
                }
            }
            ClickMinutes sql = new ClickMinutes(kafka, registry, options.checkpoints().toUri().toString(), new SimpleMeterRegistry());
            minutes = sql.drain(spark);
            perMinute = sql.table(spark);
            lineage.started(Roles.sqlGraphs(config, kafka, registry, sql, spark));
        } finally {
            spark.stop();
        }
        counts.put("clicks-daily", Map.of("records.in", in, "records.out", rows, "records.dead_lettered", failed));
        return report.daily(compacted, partitions, rows, views, failed, onClean)
                & (pinot.isEmpty() || report.offline(inPinot, segments, onClean))
                & report.perMinute(minutes, onClean)
                & servedMinutes(registry, perMinute, minutes);
    }

    /** The per-minute table through Pinot's upsert table and the search index, once its changelog is final. */
    private boolean servedMinutes(SchemaRegistryClient registry, SqlOutput table, ClickMinutes.Totals minutes) throws Exception {
        if (config.pinotCluster().isEmpty() && config.searchCluster().isEmpty()) {
            return true;
        }
        try (MinuteServing serving = new MinuteServing(kafka, registry, table, config.pinotCluster(), config.searchCluster(),
                new SimpleMeterRegistry())) {
            serving.start();
            boolean caughtUp = serving.awaitCaughtUp(Duration.ofSeconds(60));
            boolean ok = true;
            if (config.pinotCluster().isPresent()) {
                long[] rowsAndViews = MinuteServing.pinotTotals(config.pinotCluster().get(), minutes, Duration.ofSeconds(120));
                ok &= report.pinotMinutes(rowsAndViews[0], rowsAndViews[1], minutes);
            }
            if (search.isPresent()) {
                ok &= report.indexedMinutes(search.get().count(MinuteServing.INDEX), caughtUp, minutes);
            }
            return ok;
        }
    }

    /** Starts Trino on another thread (once); a start that fails says why in its result, it does not throw. */
    private CompletableFuture<EmbeddedTrino.Started> startTrino() {
        if (trino == null) {
            trino = CompletableFuture.supplyAsync(startTrino, Waits.THREADS);
        }
        return trino;
    }

    /** While the demo runs on: where Trino answers, with the lake's tables registered as they are now. */
    private void announce(EmbeddedTrino.Started trino) {
        if (trino.server().isEmpty()) {
            out.printf("  trino       skipped: %s%n", trino.skipped());
            return;
        }
        String url = trino.server().get().jdbcUrl();
        try {
            new TrinoServing(new AppConfig.Trino(url, null), BUCKET).register();
            out.printf("  trino       %s (Trino 476, child JVM): lake.raw.clicks registered; new hours appear after "
                    + "CALL lake.system.sync_partition_metadata('raw', 'clicks', 'FULL')%n", url);
        } catch (RuntimeException e) {
            out.printf("  trino       %s: registering the lake failed: %s%n", url, e.getMessage());
        }
    }

    /** The lake through Trino: the raw zone's rows and the curated table's views, by Trino SQL, against the clean topic. */
    private boolean served(EmbeddedTrino.Started trino, long onClean) {
        if (trino.server().isEmpty()) {
            out.printf("  trino               skipped: %s%n", trino.skipped());
            return true;
        }
        TrinoServing serving = new TrinoServing(new AppConfig.Trino(trino.server().get().jdbcUrl(), null), BUCKET);
        serving.register();
        return report.served(trino.server().get().jdbcUrl(), serving.rawRows(), serving.curatedViews(), onClean);
    }

    private Thread feeder(LoadGenerator generator) {
        Thread t = new Thread(() -> {
            if (options.untilStopped()) {
                while (!Thread.currentThread().isInterrupted()) {
                    generator.send(1_000);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            } else {
                for (long left = options.records(); left > 0; left -= 10_000) {
                    generator.send(Math.min(left, 10_000));
                }
            }
        }, "load-generator");
        t.setDaemon(true);
        return t;
    }
}
