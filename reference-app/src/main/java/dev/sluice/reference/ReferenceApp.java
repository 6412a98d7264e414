package dev.sluice.reference;

import dev.sluice.core.BasicPipeline;
import dev.sluice.core.Transform;
import dev.sluice.core.codec.ConfluentAvroCodec;
import dev.sluice.core.codec.SingleObjectAvroCodec;
import dev.sluice.core.error.ErrorPolicies;
import dev.sluice.core.kafka.KafkaDeadLetterSink;
import dev.sluice.core.kafka.KafkaSink;
import dev.sluice.core.kafka.KafkaSource;
import dev.sluice.core.metrics.MicrometerPipelineListener;
import dev.sluice.ingest.http.IngestConfig;
import dev.sluice.ingest.http.IngestServer;
import dev.sluice.ingest.http.IngestStream;
import dev.sluice.testkit.SchemaRegistryService;
import dev.sluice.reference.model.ClickEvent;
import dev.sluice.reference.model.EnrichedClick;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * The reference pipeline on its embedded default: a real KRaft broker in this JVM; the HTTP ingest
 * server on port 8000, which checks posted JSON clicks against the Avro schema and produces them
 * to the raw topic; a load generator posting batches to it; a Sluice pipeline that validates,
 * drops bots, enriches, and writes Avro to a clean topic, with poison events in a dead-letter
 * topic; a second pipeline that lands the clean topic in a Parquet raw zone on an S3 server in this
 * JVM (exactly once); then the daily batch on Spark local (raw-zone compaction and the curated
 * aggregate); and the lineage of every stage in a DataHub proposals file. It prints progress per
 * stage and a summary that checks every event is accounted for, at the edge, in Kafka, in the raw
 * files and in the curated table. Still to come: the orders sources (REST, CDC) and Pinot.
 */
public final class ReferenceApp {

    static final String RAW = "clicks-raw";
    static final String CLEAN = "clicks-clean";
    static final String DLQ = "clicks-dlq";

    private ReferenceApp() {}

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out) ? 0 : 1);
    }

    /** Runs the demo; true when every generated event is accounted for. */
    static boolean run(DemoOptions options, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        out.println("sluice reference app: starting the embedded default (in-JVM Kafka, S3 on a local directory)");
        emptyDirectory(options.lake());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); EmbeddedS3 s3 = EmbeddedS3.start(options.lake(), RawZone.BUCKET);
             OrdersService orders = OrdersService.start();
             SchemaRegistryService registry = SchemaRegistryService.start()) {
            out.printf("  registry    %s (Apicurio, child JVM)%n", registry.url());
            out.printf("  kafka       %s (KRaft, in this JVM) in %d ms%n", kafka.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
            out.printf("  s3          %s (S3Proxy, in this JVM), objects under %s%n", s3.endpoint(), options.lake().toAbsolutePath());
            out.printf("  orders      PostgreSQL (embedded) on port %d, orders API at %s%n", orders.database().port(), orders.listingUrl());
            for (String topic : List.of(RAW, CLEAN, DLQ, AppPinot.TOPIC, OrdersIngest.CDC, OrdersIngest.API, OrdersIngest.DLQ)) {
                kafka.createTopic(topic, options.partitions());
            }
            java.util.Optional<AppPinot> pinot = AppPinot.start(out);
            try {
                return runPipeline(kafka, s3, orders, registry, pinot, options, out);
            } finally {
                pinot.ifPresent(AppPinot::close);
            }
        }
    }

    private static boolean runPipeline(EmbeddedKafka kafka, EmbeddedS3 s3, OrdersService orders, SchemaRegistryService registry,
                                       java.util.Optional<AppPinot> pinot, DemoOptions options, PrintStream out) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SingleObjectAvroCodec<GenericRecord> raw = SingleObjectAvroCodec.generic(ClickEvent.getClassSchema());
        IngestStream clicks = IngestStream.of("clicks", RAW, ClickEvent.getClassSchema(), raw).withKeyField("userId");
        KafkaSource<GenericRecord> source = KafkaSource.of(bootstrap, "reference-clicks", raw, RAW).withSchema(ClickEvent.getClassSchema());
        // The clean topic is the one other teams read: Confluent wire format, schema in the registry.
        ConfluentAvroCodec<EnrichedClick> cleanCodec = ConfluentAvroCodec.specific(registry.client(), CLEAN + "-value", EnrichedClick.class);
        KafkaSink<EnrichedClick> sink = KafkaSink.of(bootstrap, CLEAN, cleanCodec)
                .withSchema(EnrichedClick.getClassSchema());
        // Pinot's decoder reads plain Avro (its Confluent one needs jars Maven Central lacks): a Pinot-facing topic.
        KafkaSink<EnrichedClick> forPinot = KafkaSink.of(bootstrap, AppPinot.TOPIC, dev.sluice.core.codec.AvroCodec.specific(EnrichedClick.class))
                .withSchema(EnrichedClick.getClassSchema());
        Transform<GenericRecord, EnrichedClick> transform = Transform.<GenericRecord>filter(EnrichClicks::isHuman).andThen(new EnrichClicks());
        String sourceComponent = "kafka-source:" + RAW;
        String sinkComponent = "kafka-sink:" + CLEAN;

        try (IngestServer ingest = IngestServer.start(IngestConfig.defaults(bootstrap).withListen("127.0.0.1", options.port())
                        .withStreams(List.of(clicks)));
             RawZone rawZone = new RawZone(kafka, s3, CLEAN, cleanCodec);
             KafkaDeadLetterSink dlq = KafkaDeadLetterSink.open(bootstrap, DLQ, "reference-clicks");
             BasicPipeline<GenericRecord, EnrichedClick> pipeline = new BasicPipeline<>("reference-clicks", source, transform, List.of(sink, forPinot), dlq,
                     ErrorPolicies.defaults(), new MicrometerPipelineListener(meters, "reference-clicks"));
             AppLineage lineage = new AppLineage(options.lineage(), meters);
             OrdersIngest ordersIngest = new OrdersIngest(kafka, orders)) {
            lineage.started(AppLineage.ingestGraph("clicks", RAW), pipeline.graph(), rawZone.graph(), DailyBatch.graph());
            lineage.started(ordersIngest.graphs().toArray(new dev.sluice.core.graph.PipelineGraph[0]));
            if (pinot.isPresent()) {
                pinot.get().createRealtime(bootstrap);
                lineage.started(AppLineage.pinotGraphs(rawZone.graph()));
            }
            String endpoint = "http://127.0.0.1:" + ingest.port() + "/ingest/clicks";
            LoadGenerator generator = new LoadGenerator(URI.create(endpoint), 42);
            out.printf("  ingest      POST %s (JSON checked against ClickEvent, answered after acks=all) -> %s%n", endpoint, RAW);
            out.printf("  pipeline    %s -> [validate, drop bots, enrich] -> %s, dead letters -> %s%n", RAW, CLEAN, DLQ);
            out.printf("  raw zone    %s -> Parquet in s3://%s/%s/dt=.../hr=.../ (exactly once)%n", CLEAN, RawZone.BUCKET, RawZone.TABLE);
            out.printf("  lineage     DataHub proposals -> %s%n", options.lineage().toAbsolutePath());
            rawZone.start();
            Thread feeder = feeder(generator, options);
            feeder.start();
            ordersIngest.start();
            int orderCount = (int) Math.max(10, Math.min(options.records() / 50, 10_000));
            java.util.concurrent.CompletableFuture<Long> orderChanges = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return orders.placeAndShip(orderCount);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("the orders service failed: " + e.getMessage(), e);
                }
            });
            out.printf("  orders-in   %s -> %s (CDC, Debezium) and %s -> %s (REST source)%n", OrdersService.TABLE, OrdersIngest.CDC,
                    orders.listingUrl(), OrdersIngest.API);
            StopSignal stop = StopSignal.onShutdown();
            long lastReport = 0;
            long start = System.nanoTime();
            while (true) {
                pipeline.runOnce(Duration.ofMillis(200));
                StageStats s = StageStats.read(meters, sourceComponent, sinkComponent);
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
                    break;
                }
            }
            feeder.interrupt();
            feeder.join();
            boolean lakeCaughtUp = rawZone.awaitCaughtUp(CLEAN, Duration.ofSeconds(60));
            try {
                double seconds = (System.nanoTime() - start) / 1e9;
                // The click topics are final now (the feeder and the clean pipeline have stopped): read them once.
                long onRaw = kafka.endOffsets(RAW);
                long onClean = kafka.endOffsets(CLEAN);
                long onDlq = kafka.endOffsets(DLQ);
                boolean balanced = summary(onRaw, onClean, onDlq, meters, generator, sourceComponent, sinkComponent, seconds, out);
                RawZone.Contents lakeFiles = rawZone.contents();
                boolean lake = lakeSummary(lakeFiles, lakeCaughtUp, onClean, out)
                        & (pinot.isEmpty() || pinot.get().awaitRealtime(onClean, out))
                        & ordersIngest.awaitAndSummarize(orderCount, orderChanges.get(), Duration.ofSeconds(120), out);
                rawZone.close();
                Map<String, Map<String, Long>> counts = new java.util.HashMap<>(Map.of(
                        "clicks-ingest", Map.of("records.in", generator.sent(), "records.out", generator.accepted()),
                        "reference-clicks", Map.of("records.in", onRaw, "records.out", onClean, "records.dead_lettered", onDlq),
                        "raw-zone", Map.of("records.in", onClean, "records.out", lakeFiles.rows())));
                boolean curated = true;
                if (options.untilStopped()) {
                    // Stopped by a signal: the JVM is shutting down, and Spark cannot start inside a shutdown.
                    out.println("  daily batch         skipped: the run was stopped; run without --until-stopped for the batch step");
                } else {
                    DailyBatch.Result daily = DailyBatch.run(s3, out);
                    curated = batchSummary(daily, onClean, out)
                            & (pinot.isEmpty() || pinot.get().pushHistory(rawZone.directory(), onClean, out));
                    counts.put("clicks-daily", Map.of("records.in", daily.job().in(), "records.out", daily.curatedRows(),
                            "records.dead_lettered", daily.job().failed()));
                }
                lineage.finished(balanced && lake && curated, counts);
                out.printf("  lineage             %s%n", lineage.describe());
                return lake && balanced && curated;
            } finally {
                stop.finished();
            }
        }
    }

    private static Thread feeder(LoadGenerator generator, DemoOptions options) {
        Thread t = new Thread(() -> {
            if (options.untilStopped()) {
                while (!Thread.currentThread().isInterrupted()) {
                    generator.send(1_000);
                    sleep(500);
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

    private static boolean summary(long onRaw, long onClean, long onDlq, SimpleMeterRegistry meters, LoadGenerator generator,
                                   String sourceComponent, String sinkComponent, double seconds, PrintStream out) {
        long generated = generator.sent();
        long rejected = generator.rejected();
        StageStats s = StageStats.read(meters, sourceComponent, sinkComponent);
        long decodeDlq = StageStats.deadLetters(meters, "deserialize");
        long transformDlq = StageStats.deadLetters(meters, "transform");
        long filtered = s.filtered(transformDlq);
        boolean balanced = generated == rejected + onClean + filtered + onDlq && onDlq == decodeDlq + transformDlq
                && onRaw == generator.accepted();
        out.println("summary");
        out.printf("  generated           %,d events in %.1f s (%,.0f events/s end to end, raw zone included)%n", generated, seconds, generated / seconds);
        out.printf("  rejected at ingest  %,d (answered with their field paths; never in Kafka)%n", rejected);
        out.printf("  %-19s %,d (= events /ingest acknowledged)%n", RAW, onRaw);
        out.printf("  %-19s %,d%n", CLEAN, onClean);
        out.printf("  filtered (bots)     %,d%n", filtered);
        out.printf("  %-19s %,d (%,d did not match the schema, %,d failed validation)%n", DLQ, onDlq, decodeDlq, transformDlq);
        out.printf("  accounted for       %s%n", balanced ? "every event (rejected + clean + filtered + dead letters = generated)"
                : "NO: rejected + clean + filtered + dead letters != generated");
        return balanced;
    }

    /** Checks the raw zone against the clean topic: every record once, read back from the files. */
    private static boolean lakeSummary(RawZone.Contents lake, boolean caughtUp, long onClean, PrintStream out) {
        boolean exact = caughtUp && lake.rows() == onClean;
        out.printf("  raw zone (S3)       %,d rows in %d Parquet files (%s)%n", lake.rows(), lake.files(),
                exact ? "= " + CLEAN + ": each record once" : caughtUp ? "NO: differs from " + CLEAN : "NO: not caught up within 60 s");
        return exact;
    }

    /** The batch's check: the curated table counts every clean click once. */
    private static boolean batchSummary(DailyBatch.Result daily, long onClean, PrintStream out) {
        boolean exact = daily.curatedViews() == onClean && daily.compactedRows() == onClean && daily.job().failed() == 0;
        out.printf("  raw zone compacted  %,d rows in %d dt/hr partition(s), one file each%n", daily.compactedRows(), daily.compactedPartitions());
        out.printf("  curated (S3)        %,d rows in %s, sum(views) = %,d (%s)%n", daily.curatedRows(), DailyBatch.CURATED,
                daily.curatedViews(), exact ? "= " + CLEAN : "NO: differs from " + CLEAN);
        return exact;
    }

    private static void emptyDirectory(java.nio.file.Path dir) throws java.io.IOException {
        if (java.nio.file.Files.exists(dir)) {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
            }
        }
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
