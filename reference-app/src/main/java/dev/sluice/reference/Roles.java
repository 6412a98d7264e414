package dev.sluice.reference;

import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.batch.StreamingSqlRun;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.ingest.http.IngestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.SparkSession;

/**
 * One part of the pipeline per process, as a deployment runs it ({@code --role}): the long-running
 * roles ({@code ingest}, {@code orders}, {@code stream}, {@code sql}) serve until {@code stop} says so (SIGTERM
 * in a pod), the daily ones ({@code batch}, {@code compact}, {@code pinot-push}) work on one
 * {@code --date} and return, {@code lineage} sends every stage's graph. The demo runs the very same
 * stages in one process.
 */
final class Roles {

    static final List<String> CLICK_TOPICS = List.of(ClickIngest.RAW, CleanClicks.CLEAN, CleanClicks.DLQ, CleanClicks.PINOT);
    static final List<String> ORDER_TOPICS = List.of(OrdersIngest.CDC, OrdersIngest.API, OrdersIngest.DLQ);

    private static final java.time.Duration UNHEALTHY_LIMIT = java.time.Duration.ofMinutes(1);

    private final AppConfig config;
    private final AppKafkaClients kafka;
    private final SchemaRegistryClient registry;
    private final PrintStream out;

    Roles(AppConfig config, PrintStream out) {
        this.config = config;
        this.kafka = new AppKafkaClients(config.kafka());
        this.registry = config.registry().client();
        this.out = out;
    }

    /** Runs the role; true when it did all it was asked (a long-running role: when it stopped cleanly). */
    boolean run(RoleOptions options, BooleanSupplier stop) throws Exception {
        out.printf("sluice reference app: role %s%s with %s, %s, %s%n", options.role().flag(),
                options.date() == null ? "" : " for " + options.date(), config.kafka(), config.lake().connection(), config.registry().url());
        try {
            return switch (options.role()) {
                case INGEST -> ingest(stop);
                case ORDERS -> orders(stop);
                case STREAM -> stream(stop);
                case SQL -> sql(stop);
                case BATCH -> batch(options.date());
                case COMPACT -> compact(options.date());
                case PINOT_PUSH -> pinotPush(options.date());
                case LINEAGE -> lineage();
            };
        } finally {
            kafka.close();
        }
    }

    private boolean ingest(BooleanSupplier stop) throws Exception {
        kafka.ensureTopics(List.of(ClickIngest.RAW));
        try (IngestServer server = ClickIngest.start(kafka, config.ingest())) {
            out.printf("  ingest      POST http://%s:%d/ingest/%s -> %s%n", config.ingest().listen(), server.port(), ClickIngest.STREAM, ClickIngest.RAW);
            await(stop, () -> true);
        }
        return true;
    }

    private boolean orders(BooleanSupplier stop) throws Exception {
        AppConfig.Orders orders = config.ordersSources().orElseThrow(() -> new IllegalArgumentException("--role orders needs the orders section"));
        kafka.ensureTopics(ORDER_TOPICS);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (OrdersIngest ingest = new OrdersIngest(kafka, registry, orders, meters);
             StatusServer status = StatusServer.start(config.statusPort(), meters, ingest::isRunning)) {
            ingest.start();
            out.printf("  orders      %s -> %s and %s; status on :%d%n", orders.db().map(d -> d.kind() + " CDC").orElse("no database"),
                    OrdersIngest.CDC, orders.api() == null ? "no API" : "the orders API -> " + OrdersIngest.API, status.port());
            return await(stop, ingest::isRunning);
        }
    }

    private boolean stream(BooleanSupplier stop) throws Exception {
        kafka.ensureTopics(CLICK_TOPICS);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (CleanClicks clean = new CleanClicks(kafka, registry, meters);
             RawZone raw = new RawZone(kafka, config.lake(), CleanClicks.CLEAN, clean.cleanCodec(), meters);
             // Null without an elastic section: try-with-resources skips a null resource.
             SearchIndex index = config.searchCluster().map(e -> new SearchIndex(kafka, e, CleanClicks.CLEAN, clean.cleanCodec(), meters)).orElse(null);
             StatusServer status = StatusServer.start(config.statusPort(), meters, () -> healthy(clean, raw, index))) {
            config.pinotCluster().ifPresent(p -> new PinotTables(p).createRealtime(kafka));
            clean.start();
            raw.start();
            if (index != null) {
                index.start();
            }
            out.printf("  stream      %s -> %s, %s (dead letters %s); %s -> s3://%s/%s/%s; status on :%d%n", ClickIngest.RAW, CleanClicks.CLEAN,
                    CleanClicks.PINOT, CleanClicks.DLQ, CleanClicks.CLEAN, config.lake().bucket(), RawZone.TABLE,
                    index == null ? "" : " and the search index " + index.searchPattern(), status.port());
            return await(stop, () -> healthy(clean, raw, index));
        }
    }

    private boolean sql(BooleanSupplier stop) throws Exception {
        kafka.ensureTopics(List.of(CleanClicks.CLEAN, CleanClicks.DLQ));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SparkSession spark = LocalSpark.start(config.lake().spark(), "local[*]", "sluice-streaming-sql");
        ClickMinutes minutes = new ClickMinutes(kafka, registry, config.lake().s3a(ClickMinutes.CHECKPOINTS), meters);
        boolean served = config.pinotCluster().isPresent() || config.searchCluster().isPresent();
        // Null when neither Pinot nor a search cluster is configured: try-with-resources skips a null resource.
        try (StreamingSqlRun run = minutes.start(spark);
             MinuteServing serving = served ? new MinuteServing(kafka, registry, minutes.table(spark), config.pinotCluster(),
                     config.searchCluster(), meters) : null;
             StatusServer status = StatusServer.start(config.statusPort(), meters, () -> run.isActive() && (serving == null || serving.isHealthy()))) {
            if (serving != null) {
                serving.start();
            }
            out.printf("  sql         %s over %s -> %s; checkpoints %s; status on :%d%n", ClickMinutes.SCRIPT, CleanClicks.CLEAN,
                    String.join(", ", ClickMinutes.TOPICS), config.lake().s3a(ClickMinutes.CHECKPOINTS), status.port());
            if (serving != null) {
                out.printf("  sql         %s -> %s%s%n", ClickMinutes.TOPIC,
                        config.pinotCluster().isPresent() ? MinuteServing.PINOT_TOPIC + " (Pinot upsert table " + MinuteServing.INDEX + ")" : "",
                        config.searchCluster().isPresent() ? " and the search index " + MinuteServing.INDEX : "");
            }
            return await(stop, () -> run.isActive() && (serving == null || serving.isHealthy()));
        } finally {
            spark.stop();
        }
    }

    private static boolean healthy(CleanClicks clean, RawZone raw, SearchIndex index) {
        return clean.isHealthy() && raw.isHealthy() && (index == null || index.isHealthy());
    }

    private boolean batch(LocalDate day) {
        SparkSession spark = LocalSpark.start(config.lake().spark(), "local[*]", "sluice-clicks-daily-" + day);
        try {
            DailyBatch.Curated c = new DailyBatch(config.lake()).curate(spark, day);
            out.printf("  curated     %s dt=%s: %,d rows in, %,d out, %,d failed (in %s); %,d curated rows, sum(views) = %,d%n",
                    DailyBatch.CURATED, day, c.job().in(), c.job().out(), c.job().failed(), DailyBatch.ERRORS, c.rows(), c.views());
            config.trinoServer().ifPresent(t -> {
                TrinoServing serving = new TrinoServing(t, config.lake().bucket());
                serving.register();
                out.printf("  trino       lake.curated.clicks_daily dt=%s: sum(views) = %,d (%s)%n", day, serving.curatedViews(day),
                        t.url());
            });
            return true;
        } finally {
            spark.stop();
        }
    }

    private boolean compact(LocalDate day) {
        SparkSession spark = LocalSpark.start(config.lake().spark(), "local[*]", "sluice-compact-" + day);
        try (LakeObjects objects = new LakeObjects(config.lake())) {
            DailyBatch.Compacted c = new DailyBatch(config.lake()).compact(spark, objects, day);
            out.printf("  compacted   %s dt=%s: %,d rows in %d hr partition(s), one file each%n", RawZone.TABLE, day, c.rows(), c.partitions());
            return true;
        } finally {
            spark.stop();
        }
    }

    private boolean pinotPush(LocalDate day) throws Exception {
        AppConfig.Pinot pinot = config.pinotCluster().orElseThrow(() -> new IllegalArgumentException("--role pinot-push needs the pinot section"));
        try (LakeObjects objects = new LakeObjects(config.lake())) {
            PinotTables.Pushed p = new PinotTables(pinot).pushDay(objects, day);
            out.printf("  pinot       %s dt=%s: %d segment(s), %,d rows in the files, %,d in Pinot for the day (%s)%n", PinotTables.OFFLINE, day,
                    p.segments(), p.fileRows(), p.tableRows(), p.complete() ? "complete" : "NO: differs");
            return p.complete();
        }
    }

    private boolean lineage() throws Exception {
        AppConfig.Lineage target = config.lineageTarget().orElseThrow(() -> new IllegalArgumentException("--role lineage needs the lineage section"));
        AppLineage lineage = new AppLineage(target, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try {
            lineage.started(graphs());
            SparkSession spark = LocalSpark.start(config.lake().spark(), "local[1]", "sluice-lineage"); // the SQL's outputs are Spark's to derive
            try {
                ClickMinutes minutes = new ClickMinutes(kafka, registry, config.lake().s3a(ClickMinutes.CHECKPOINTS), new SimpleMeterRegistry());
                lineage.started(sqlGraphs(config, kafka, registry, minutes, spark));
            } finally {
                spark.stop();
            }
            lineage.finished(true, Map.of());
        } finally {
            lineage.close();
        }
        out.printf("  lineage     %s; %d proposal(s) not delivered%n", lineage.describe(), lineage.dropped());
        return lineage.dropped() == 0;
    }

    /** Every stage's graph, from the stages' own sources and sinks; the stream stages are built, never started. */
    private List<PipelineGraph> graphs() {
        MeterRegistry unused = new SimpleMeterRegistry();
        try (CleanClicks clean = new CleanClicks(kafka, registry, unused);
             RawZone raw = new RawZone(kafka, config.lake(), CleanClicks.CLEAN, clean.cleanCodec(), unused);
             SearchIndex index = config.searchCluster().map(e -> new SearchIndex(kafka, e, CleanClicks.CLEAN, clean.cleanCodec(), unused)).orElse(null)) {
            return graphs(config, kafka, registry, clean.graph(), raw.graph(), Optional.ofNullable(index).map(SearchIndex::graph));
        }
    }

    /**
     * The streaming SQL's graph (a job per statement) and, when Pinot or a search cluster serves
     * its per-minute table, the serving stage's (built, never started).
     */
    static List<PipelineGraph> sqlGraphs(AppConfig config, AppKafkaClients kafka, SchemaRegistryClient registry, ClickMinutes minutes,
                                         SparkSession spark) {
        List<PipelineGraph> graphs = new ArrayList<>(List.of(minutes.graph(spark)));
        if (config.pinotCluster().isPresent() || config.searchCluster().isPresent()) {
            try (MinuteServing serving = new MinuteServing(kafka, registry, minutes.table(spark), config.pinotCluster(), config.searchCluster(),
                    new SimpleMeterRegistry())) {
                graphs.addAll(serving.graphs());
            }
        }
        return graphs;
    }

    /** Every stage's graph, given the stream stages' (the demo has them running). */
    static List<PipelineGraph> graphs(AppConfig config, AppKafkaClients kafka, SchemaRegistryClient registry, PipelineGraph clean, PipelineGraph raw,
                                      Optional<PipelineGraph> index) {
        List<PipelineGraph> graphs = new ArrayList<>(List.of(ClickIngest.graph(), clean, raw, new DailyBatch(config.lake()).graph()));
        index.ifPresent(graphs::add);
        config.pinotCluster().ifPresent(p -> graphs.addAll(PinotTables.graphs(raw)));
        config.ordersSources().ifPresent(o -> graphs.addAll(OrdersIngest.graphs(kafka, registry, o)));
        return graphs;
    }

    /**
     * Waits for the stop request; false when {@code healthy} stayed false for a minute first (a sink
     * circuit open that long, or a stage stopped by a fatal error): the process then exits non-zero
     * and Kubernetes restarts it. Shorter spells only make {@code /readyz} answer 503.
     */
    private boolean await(BooleanSupplier stop, BooleanSupplier healthy) throws InterruptedException {
        long unhealthySince = 0;
        while (!stop.getAsBoolean()) {
            if (healthy.getAsBoolean()) {
                unhealthySince = 0;
            } else if (unhealthySince == 0) {
                unhealthySince = System.nanoTime();
            } else if (System.nanoTime() - unhealthySince > UNHEALTHY_LIMIT.toNanos()) {
                out.println("  unhealthy for " + UNHEALTHY_LIMIT.toSeconds() + " s: stopping so the process is restarted");
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
