package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.pinot.PinotQuery;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.embedded.PinotCluster;
import dev.sluice.embedded.Ports;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.reference.RoleOptions.Role;
import dev.sluice.testkit.ServiceExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment's way to run: each role in its own JVM as the image starts it ({@link ImageRole}),
 * configured only by the deployed {@code infra/k8s/base/app.yaml} and environment variables that point at services started apart
 * from the app (the testkit's Kafka, S3 server, registry and Pinot; PostgreSQL and the orders API
 * of the demo's orders service), the way MSK, S3, a registry, MSSQL and Pinot are reached on EKS.
 */
class RolesIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();
    @RegisterExtension
    static final ServiceExtension<PinotCluster> PINOT = ServiceExtension.pinot();
    @RegisterExtension
    static final ServiceExtension<OpenSearchServer> OPENSEARCH = ServiceExtension.openSearch();

    private static final String BUCKET = "roles-lake";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @Test
    void everyRoleRunsAgainstItsEndpointsByConfigurationOnly(@TempDir Path dir) throws Exception {
        S3.get().createBucket(BUCKET);
        try (OrdersService orders = OrdersService.start()) {
            Map<String, String> env = environment(orders, dir.resolve("lineage.json"));
            AppConfig config = new ConfigLoader(env::get).load(DeployedRoles.APP_YAML);
            AppKafkaClients kafka = new AppKafkaClients(config.kafka());
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService runners = Executors.newFixedThreadPool(3);
            Future<Boolean> ingest = runners.submit(() -> role(env, Role.INGEST, null, stop));
            int ordersStatus = Ports.free();
            Future<Boolean> ordersRole = runners.submit(() -> role(with(env, "SLUICE_STATUS_PORT", ordersStatus), Role.ORDERS, null, stop));
            int streamStatus = Ports.free();
            Future<Boolean> stream = runners.submit(() -> role(with(env, "SLUICE_STATUS_PORT", streamStatus), Role.STREAM, null, stop));

            URI endpoint = URI.create("http://127.0.0.1:" + env.get("SLUICE_INGEST_PORT") + "/ingest/clicks");
            DeployedRoles.awaitReady(URI.create("http://127.0.0.1:" + env.get("SLUICE_INGEST_PORT") + "/readyz"), Duration.ofSeconds(60));
            LoadGenerator generator = new LoadGenerator(endpoint, 7);
            generator.send(3_000);
            long changes = orders.placeAndShip(40);
            awaitCommitted(kafka, CleanClicks.NAME, ClickIngest.RAW);
            awaitCommitted(kafka, "reference-raw-zone", CleanClicks.CLEAN);
            awaitCommitted(kafka, "reference-search-index", CleanClicks.CLEAN);
            assertThat(get(URI.create("http://127.0.0.1:" + streamStatus + "/readyz")).statusCode()).isEqualTo(200);
            assertThat(get(URI.create("http://127.0.0.1:" + streamStatus + "/metrics")).body()).contains("sluice_records_out_total");

            long onClean = kafka.endOffsets(CleanClicks.CLEAN);
            assertThat(kafka.endOffsets(ClickIngest.RAW)).isEqualTo(generator.accepted());
            assertThat(onClean + kafka.endOffsets(CleanClicks.DLQ)).isPositive().isLessThanOrEqualTo(generator.accepted());
            assertThat(new PinotQuery(PINOT.get().brokerUrl()).awaitCount(PinotTables.REALTIME, onClean, Duration.ofSeconds(120)))
                    .as("the REALTIME table the stream role created").isEqualTo(onClean);
            assertPinotCardsAnswer(new PinotQuery(PINOT.get().brokerUrl()));
            assertThat(OPENSEARCH.get().count("roles-clicks-*")).as("the search index the stream role fed").isEqualTo(onClean);
            awaitShipped(kafka, orders, 40);
            assertThat(changes).isEqualTo(120);
            assertThat(get(URI.create("http://127.0.0.1:" + ordersStatus + "/readyz")).statusCode()).isEqualTo(200);
            assertThat(get(URI.create("http://127.0.0.1:" + ordersStatus + "/metrics")).body()).contains("pipeline=\"orders-api\"");

            stop.set(true);
            assertThat(ingest.get(60, TimeUnit.SECONDS)).as(log.toString(StandardCharsets.UTF_8)).isTrue();
            assertThat(ordersRole.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.get(60, TimeUnit.SECONDS)).isTrue();
            runners.shutdown();

            // The sql role over the final clean topic: the per-minute table, served by Pinot's upsert table and the index.
            AtomicBoolean stopSql = new AtomicBoolean();
            int sqlStatus = Ports.free();
            ExecutorService sqlRunner = Executors.newSingleThreadExecutor();
            Future<Boolean> sql = sqlRunner.submit(() -> role(with(env, "SLUICE_STATUS_PORT", sqlStatus), Role.SQL, null, stopSql));
            DeployedRoles.awaitReady(URI.create("http://127.0.0.1:" + sqlStatus + "/readyz"), Duration.ofSeconds(180));
            ClickMinutes.Totals minutes = awaitMinutes(kafka, onClean);
            awaitCommitted(kafka, "reference-minute-serving", ClickMinutes.TOPIC);
            long[] minutesInPinot = MinuteServing.pinotTotals(config.pinotCluster().orElseThrow(), minutes, Duration.ofSeconds(120));
            assertThat(minutesInPinot).as("rows and views of the upsert table the sql role created").containsExactly(minutes.windows(), onClean);
            assertThat(OPENSEARCH.get().count(MinuteServing.INDEX)).as("documents of the index the sql role fed").isEqualTo(minutes.windows());
            assertThat(get(URI.create("http://127.0.0.1:" + sqlStatus + "/metrics")).body()).contains("pipeline=\"minute-serving\"");
            stopSql.set(true);
            assertThat(sql.get(60, TimeUnit.SECONDS)).as(log.toString(StandardCharsets.UTF_8)).isTrue();
            sqlRunner.shutdown();
            kafka.close(); // its admin client; the topics are not read after this

            try (LakeObjects lake = new LakeObjects(config.lake())) {
                assertThat(lake.contents(RawZone.TABLE + "/").rows()).as("raw zone = clean topic").isEqualTo(onClean);
                long views = 0;
                long inPinot = 0;
                List<LocalDate> days = DailyBatch.days(lake);
                assertThat(days).as("days in the raw zone").isNotEmpty();
                for (LocalDate day : days) {
                    long dayRows = lake.contents(RawZone.TABLE + "/dt=" + day + "/").rows();
                    assertThat(role(env, Role.COMPACT, day, stop)).isTrue();
                    assertThat(lake.contents(RawZone.TABLE + "/dt=" + day + "/").rows()).as("compaction keeps every row").isEqualTo(dayRows);
                    assertThat(role(env, Role.BATCH, day, stop)).isTrue();
                    assertThat(role(env, Role.BATCH, day, stop)).as("a rerun replaces the day").isTrue();
                    long dayViews = CuratedViews.of(lake, DailyBatch.CURATED + "/dt=" + day + "/");
                    assertThat(dayViews).as("curated views of " + day).isEqualTo(dayRows);
                    views += dayViews;
                    assertThat(role(env, Role.PINOT_PUSH, day, stop)).as(log.toString(StandardCharsets.UTF_8)).isTrue();
                }
                assertThat(views).isEqualTo(onClean);
                inPinot = new PinotQuery(PINOT.get().brokerUrl()).single("SELECT COUNT(*) FROM " + PinotTables.OFFLINE);
                assertThat(inPinot).isEqualTo(onClean);
            }
            assertThat(role(env, Role.LINEAGE, null, stop)).isTrue();
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("lineage     21 datasets, 20 edges")
                    .as("no secret in the roles' output").doesNotContain(S3.get().secretKey())
                    .as("no role logged an error, its own stop included").doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} ERROR ")
                    .doesNotContain("Exception in thread");
            System.out.print(log.toString(StandardCharsets.UTF_8)); // the roles' own lines, in the test's report
        }
    }

    private Map<String, String> environment(OrdersService orders, Path lineage) {
        Map<String, String> env = new HashMap<>();
        env.put("SLUICE_KAFKA_BOOTSTRAP", KAFKA.get().bootstrapServers());
        env.put("SLUICE_SCHEMA_REGISTRY_URL", REGISTRY.get().url());
        env.put("SLUICE_S3_BUCKET", BUCKET);
        env.put("SLUICE_S3_ENDPOINT", S3.get().endpoint().toString());
        env.put("SLUICE_S3_ACCESS_KEY", S3.get().accessKey());
        env.put("SLUICE_S3_SECRET_KEY", S3.get().secretKey());
        env.put("SLUICE_INGEST_PORT", Integer.toString(Ports.free()));
        env.put("SLUICE_INGEST_LISTEN", "127.0.0.1");   // the test's server stays on loopback
        env.put("SLUICE_ELASTIC_URL", OPENSEARCH.get().url());
        env.put("SLUICE_ELASTIC_INDEX", "roles-clicks");
        env.put("SLUICE_ORDERS_API_URL", orders.listingUrl().toString());
        var db = orders.database();
        env.put("SLUICE_ORDERS_DB_KIND", "postgres");
        env.put("SLUICE_ORDERS_DB_HOST", db.host());
        env.put("SLUICE_ORDERS_DB_PORT", Integer.toString(db.port()));
        env.put("SLUICE_ORDERS_DB_NAME", db.database());
        env.put("SLUICE_ORDERS_DB_USER", db.username());
        env.put("SLUICE_ORDERS_DB_PASSWORD", db.password());
        env.put("SLUICE_ORDERS_DB_TABLE", "public." + OrdersService.TABLE);
        env.put("SLUICE_PINOT_CONTROLLER", PINOT.get().controllerUrl());
        env.put("SLUICE_PINOT_BROKER", PINOT.get().brokerUrl());
        env.put("SLUICE_LINEAGE_FILE", lineage.toString());
        return env;
    }

    private static Map<String, String> with(Map<String, String> env, String key, int value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(key, Integer.toString(value));
        return copy;
    }

    private boolean role(Map<String, String> env, Role role, LocalDate date, AtomicBoolean stop) throws Exception {
        return ImageRole.run(env, role, date, stop::get, out);
    }

    private static void awaitCommitted(AppKafkaClients kafka, String group, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            long lag = kafka.lag(group, topic);
            if (lag <= 0) {
                return;
            }
            assertThat(System.nanoTime()).as(group + " has " + lag + " records of " + topic + " to commit").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private void awaitShipped(AppKafkaClients kafka, OrdersService orders, int count) throws Exception {
        var registry = REGISTRY.get().client();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<Long, String> cdc = Map.of();
        Map<Long, String> api = Map.of();
        while (System.nanoTime() < deadline) {
            cdc = OrdersIngest.finalStatus(kafka.readAll(OrdersIngest.CDC), OrdersIngest.cdcCodec(registry), true);
            api = OrdersIngest.finalStatus(kafka.readAll(OrdersIngest.API), OrdersIngest.apiCodec(registry), false);
            if (shipped(cdc) == count && shipped(api) == count) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(shipped(cdc)).as("orders at their final status via CDC").isEqualTo(count);
        assertThat(shipped(api)).as("orders at their final status via the API").isEqualTo(count);
    }

    /** Waits for the per-minute topic's compacted view to count every clean click; its windows and keys, and views. */
    private static ClickMinutes.Totals awaitMinutes(AppKafkaClients kafka, long onClean) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        ClickMinutes.Totals minutes = ClickMinutes.compacted(kafka, REGISTRY.get().client(), 0);
        while (minutes.views() != onClean && System.nanoTime() < deadline) {
            Thread.sleep(500);
            minutes = ClickMinutes.compacted(kafka, REGISTRY.get().client(), 0);
        }
        assertThat(minutes.views()).as("views in " + ClickMinutes.TOPIC + " (latest per key)").isEqualTo(onClean);
        return minutes;
    }

    private static long shipped(Map<Long, String> status) {
        return status.values().stream().filter("shipped"::equals).count();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every Pinot query of the dashboards in infra/ (InfraQueries) runs on the table the stream role filled and returns rows. */
    private static void assertPinotCardsAnswer(PinotQuery broker) {
        List<InfraQueries.Query> pinot = InfraQueries.all(BUCKET).stream().filter(q -> q.engine() == InfraQueries.Engine.PINOT).toList();
        assertThat(pinot).as("Pinot cards and charts in infra/visualization").isNotEmpty();
        for (InfraQueries.Query q : pinot) {
            List<List<com.fasterxml.jackson.databind.JsonNode>> rows = broker.rows(q.sql());
            assertThat(rows).as(q.toString()).isNotEmpty();
            assertThat(rows.get(0)).as("one value per charted column: " + q).hasSizeGreaterThanOrEqualTo(q.charted().size());
        }
    }
}
