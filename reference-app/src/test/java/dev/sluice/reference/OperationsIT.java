package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.Ports;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.reference.RoleOptions.Role;
import dev.sluice.testkit.PrometheusServer;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Services;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations proven on a real Prometheus (Debian's server): the ingest, stream and sql roles run by
 * configuration only, Prometheus scrapes their {@code /metrics} every second and evaluates the
 * project's own rule file ({@code infra/observability/prometheus/sluice-rules.yaml}, a copy with
 * every {@code for:} shortened to 5 s; thresholds and windows as deployed). A healthy minute first:
 * no alert may even be pending, and every query of every Grafana dashboard finds at least one series.
 * Then the faults the rules are about, each until its alert fires: a burst of poison events
 * ({@code SluiceDeadLetterRate}), clicks an hour older than the sql role's watermark
 * ({@code SluiceLateRows}), the stream role stopped while ingest goes on ({@code SluiceTargetDown})
 * and Kafka gone under ingest load ({@code SluiceIngest5xx}). The
 * alerts that cannot be induced here are named in {@link #NOT_INDUCED}, with the reason.
 */
class OperationsIT {

    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    /** The rules no fault here can make fire, and why; the test checks the list names only rules the file has. */
    static final Map<String, String> NOT_INDUCED = Map.of(
            "SluiceConsumerLagHigh", "needs 100,000 records of lag in a live consumer (a stopped one is SluiceTargetDown, induced)",
            "SluiceConsumerLagGrowing", "needs lag growing for 15 minutes of deriv() window",
            "SluiceRecordsDeletedUnread", "needs retention to delete records before the consumer reads them",
            "SluicePipelineStopped", "the reference pipelines dead-letter what their policies refuse; none stops on a record",
            "SluiceIngestLatencyP99", "a p99 above 250 ms would need a slowed broker; the in-JVM one is not slowed",
            "SluiceBatchJobFailed", "kube_job_status_failed comes from kube-state-metrics, on a cluster",
            "SluiceBatchJobMissing", "kube_job_status_completion_time comes from kube-state-metrics, on a cluster",
            "SluiceS3SinkUploadsSlow", "a p99 upload above 30 s would need a throttled S3 for 15 minutes");
    private static final Path RULES = Path.of("..", "infra", "observability", "prometheus", "sluice-rules.yaml");
    private static final Path DASHBOARDS = Path.of("..", "infra", "observability", "grafana");
    private static final String BUCKET = "operations-lake";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @Test
    void alertsFireOnTheirInducedFaultsAndNotBeforeAndEveryDashboardQueryFindsSeries(@TempDir Path dir) throws Exception {
        S3.get().createBucket(BUCKET);
        Path rules = dir.resolve("sluice-rules.yaml");
        String ruleText = Files.readString(RULES);
        Files.writeString(rules, ruleText.replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 5s"));
        assertThat(NOT_INDUCED.keySet()).allSatisfy(name -> assertThat(ruleText).contains("alert: " + name));

        KafkaService kafka = Services.kafka(); // this test's own broker: stopping it is one of the faults
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService runners = Executors.newFixedThreadPool(3);
        int ingestPort = Ports.free();
        int streamStatus = Ports.free();
        int sqlStatus = Ports.free();
        Map<String, String> env = environment(kafka, ingestPort, streamStatus);
        Map<String, String> sqlEnv = new HashMap<>(env);
        sqlEnv.put("SLUICE_STATUS_PORT", Integer.toString(sqlStatus));
        try {
            runners.submit(() -> role(env, Role.INGEST, stop::get));
            AtomicBoolean stopStream = new AtomicBoolean();
            var stream = runners.submit(() -> role(env, Role.STREAM, () -> stop.get() || stopStream.get()));
            AtomicBoolean stopSql = new AtomicBoolean();
            var sql = runners.submit(() -> role(sqlEnv, Role.SQL, () -> stop.get() || stopSql.get()));
            DeployedRoles.awaitReady(URI.create("http://127.0.0.1:" + ingestPort + "/readyz"), Duration.ofSeconds(90));
            DeployedRoles.awaitReady(URI.create("http://127.0.0.1:" + streamStatus + "/readyz"), Duration.ofSeconds(90));
            DeployedRoles.awaitReady(URI.create("http://127.0.0.1:" + sqlStatus + "/readyz"), Duration.ofSeconds(180));
            URI ingest = URI.create("http://127.0.0.1:" + ingestPort + "/ingest/" + ClickIngest.STREAM);
            try (PrometheusServer prometheus = PrometheusServer.start("sluice",
                    List.of("127.0.0.1:" + ingestPort, "127.0.0.1:" + streamStatus, "127.0.0.1:" + sqlStatus), List.of(rules))) {
                // The healthy minute: the demo's load (0.5% of it poison, below the 1% the rule allows) at a steady pace.
                LoadGenerator load = new LoadGenerator(ingest, 11);
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                TreeSet<String> healthyAlerts = new TreeSet<>();
                while (System.nanoTime() < end) {
                    load.send(200);
                    prometheus.alerts().forEach(a -> healthyAlerts.add(a.name() + " " + a.state() + " " + a.labels()));
                    Thread.sleep(200);
                }
                assertThat(prometheus.targets()).as("the three roles scraped").hasSize(3).allSatisfy((t, health) -> assertThat(health).isEqualTo("up"));
                assertThat(healthyAlerts).as("alerts in the healthy minute").isEmpty();
                assertDashboardQueriesFindSeries(prometheus);

                // A burst of poison: clicks the stream's enrichment refuses (not an ISO country), dead-lettered with their bytes.
                postPoison(ingest, 3_000);
                assertThat(awaitFiring(prometheus, "SluiceDeadLetterRate", Map.of(), Duration.ofSeconds(90)))
                        .as("SluiceDeadLetterRate on the poison burst").containsEntry("pipeline", CleanClicks.NAME);

                // Clicks an hour old, far behind the sql role's watermark (the newest click less a minute): left out of the windows, counted.
                postClicks(ingest, "late", 500, "DE", Instant.now().minus(Duration.ofHours(1)));
                assertThat(awaitFiring(prometheus, "SluiceLateRows", Map.of(), Duration.ofSeconds(120)))
                        .as("SluiceLateRows on clicks behind the watermark").containsEntry("component", "streaming-sql.clicks_per_minute");
                stopSql.set(true);
                assertThat(sql.get(90, TimeUnit.SECONDS)).as("the sql role stops on request").isTrue();

                // The stream role stopped while ingest goes on: its target stops answering scrapes.
                stopStream.set(true);
                assertThat(stream.get(60, TimeUnit.SECONDS)).as("the stream role stops on request").isTrue();
                load.send(500);
                assertThat(awaitFiring(prometheus, "SluiceTargetDown", Map.of("instance", "127.0.0.1:" + streamStatus), Duration.ofSeconds(60)))
                        .as("SluiceTargetDown for the stopped stream role").containsEntry("instance", "127.0.0.1:" + streamStatus);

                // Kafka gone under ingest load: /ingest answers 503 once the acknowledgement times out.
                kafka.close();
                ExecutorService posting = Executors.newFixedThreadPool(4);
                for (int i = 0; i < 4; i++) {
                    posting.submit(() -> postUntil(ingest, stop));
                }
                assertThat(awaitFiring(prometheus, "SluiceIngest5xx", Map.of(), Duration.ofSeconds(150)))
                        .as("SluiceIngest5xx with Kafka stopped").containsEntry("stream", ClickIngest.STREAM);
                stop.set(true);
                posting.shutdownNow();
                out.printf("not induced here: %s%n", new TreeMap<>(NOT_INDUCED));
            }
        } finally {
            stop.set(true);
            runners.shutdown();
            runners.awaitTermination(90, TimeUnit.SECONDS); // the roles close what they can without a broker
            kafka.close();
            System.out.print(log.toString(StandardCharsets.UTF_8));
        }
    }

    /** Every target's expression of every dashboard, its template variables filled, answers at least one series. */
    private static void assertDashboardQueriesFindSeries(PrometheusServer prometheus) throws Exception {
        List<String> empty = new ArrayList<>();
        int queries = 0;
        try (var files = Files.list(DASHBOARDS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                List<String> exprs = new ArrayList<>();
                collectExpressions(new ObjectMapper().readTree(f.toFile()).path("panels"), exprs);
                for (String expr : exprs) {
                    queries++;
                    // Over the minute just scraped; a dashboard's [1m] or [5m] windows hold it.
                    if (prometheus.query(expr).isEmpty()) {
                        empty.add(f.getFileName() + ": " + expr);
                    }
                }
            }
        }
        assertThat(queries).as("dashboard queries").isPositive();
        assertThat(empty).as("dashboard queries that find no series in what the roles expose").isEmpty();
    }

    private static void collectExpressions(JsonNode panels, List<String> into) {
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                if (t.hasNonNull("expr")) {
                    into.add(t.get("expr").asText());
                }
            }
            collectExpressions(p.path("panels"), into);
        }
    }

    /** Waits for {@code alert} to be firing with at least the labels {@code having}; its labels. */
    private static Map<String, String> awaitFiring(PrometheusServer prometheus, String alert, Map<String, String> having, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PrometheusServer.Alert> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = prometheus.alerts();
            for (PrometheusServer.Alert a : seen) {
                if (a.name().equals(alert) && a.state().equals("firing") && a.labels().entrySet().containsAll(having.entrySet())) {
                    return a.labels();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(alert + " did not fire within " + timeout + "; alerts: " + seen);
    }

    /** Poison: valid JSON clicks whose country is not an ISO code, which the stream's enrichment refuses. */
    private static void postPoison(URI ingest, int count) throws Exception {
        postClicks(ingest, "poison", count, "Germany", Instant.now());
    }

    /** {@code count} clicks in batches of 100, each answered 200 by /ingest. */
    private static void postClicks(URI ingest, String prefix, int count, String country, Instant at) throws Exception {
        for (int batch = 0; batch < count / 100; batch++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                events.add("{\"eventId\":\"" + prefix + "-" + batch + "-" + i + "\",\"userId\":\"u-" + i + "\",\"sessionId\":\"s-" + i
                        + "\",\"url\":\"/\",\"referrer\":null,\"userAgent\":\"Mozilla/5.0\",\"country\":\"" + country + "\",\"durationMs\":10,"
                        + "\"timestamp\":\"" + at + "\"}");
            }
            HttpResponse<String> r = post(ingest, "[" + String.join(",", events) + "]", Duration.ofSeconds(30));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    /** Posts a click at a time until stopped; every answer is counted by the server's metrics, the test needs none. */
    private static void postUntil(URI ingest, AtomicBoolean stop) {
        int n = 0;
        while (!stop.get()) {
            try {
                post(ingest, "{\"eventId\":\"down-" + Thread.currentThread().getId() + "-" + n++ + "\",\"userId\":\"u-1\",\"sessionId\":\"s-1\","
                        + "\"url\":\"/\",\"referrer\":null,\"userAgent\":\"Mozilla/5.0\",\"country\":\"DE\",\"durationMs\":10,\"timestamp\":\""
                        + Instant.now() + "\"}", Duration.ofSeconds(60));
            } catch (Exception e) {
                return; // interrupted at the end
            }
        }
    }

    private static HttpResponse<String> post(URI uri, String body, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean role(Map<String, String> env, Role role, BooleanSupplier stop) throws Exception {
        return DeployedRoles.run(env, role, null, stop, out);
    }

    private static Map<String, String> environment(KafkaService kafka, int ingestPort, int streamStatus) {
        Map<String, String> env = new HashMap<>();
        env.put("SLUICE_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("SLUICE_SCHEMA_REGISTRY_URL", REGISTRY.get().url());
        env.put("SLUICE_S3_BUCKET", BUCKET);
        env.put("SLUICE_S3_ENDPOINT", S3.get().endpoint().toString());
        env.put("SLUICE_S3_ACCESS_KEY", S3.get().accessKey());
        env.put("SLUICE_S3_SECRET_KEY", S3.get().secretKey());
        env.put("SLUICE_INGEST_PORT", Integer.toString(ingestPort));
        env.put("SLUICE_INGEST_LISTEN", "127.0.0.1");
        env.put("SLUICE_STATUS_PORT", Integer.toString(streamStatus));
        return env;
    }
}
