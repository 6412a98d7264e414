package dev.sluice.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.ingest.http.ApiKeys.ApiKey;
import dev.sluice.testkit.ServiceExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP surface against a real broker: API keys, every refusal's status, idempotency, health, readiness and metrics. */
class IngestHttpIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    private static final String SECRET = "sk-live-7f3a9c1e5b2d4f60a8e1";
    private static final String OTHER = "sk-orders-only-5511aa";
    private static IngestServer server;
    private static IngestClient client;

    @BeforeAll
    static void start() {
        KAFKA.get().createTopic("ingest-http", 1);
        KAFKA.get().createTopic("ingest-orders", 1);
        ApiKeys keys = ApiKeys.of(List.of(ApiKey.ofHash("web", ApiKeys.hashOf(SECRET), Set.of("clicks")),
                ApiKey.ofSecret("orders", OTHER, Set.of("orders"))));
        server = IngestServer.start(IngestConfig.defaults(KAFKA.get().bootstrapServers()).withListen("127.0.0.1", 0)
                .withStreams(List.of(Clicks.stream("clicks", "ingest-http"), Clicks.stream("orders", "ingest-orders")))
                .withApiKeys(keys).withLimits(4096, 100));
        client = new IngestClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMissingOrWrongKeyIs401AndNoKeyEverReachesTheLogs() throws Exception {
        String wrong = "sk-live-WRONG-guess-000111";
        IngestClient.Answer missing = client.postJson("/ingest/clicks", Clicks.json("k1"));
        IngestClient.Answer bad = client.postJson("/ingest/clicks", Clicks.json("k2"), "Authorization", "Bearer " + wrong);
        IngestClient.Answer badHeader = client.postJson("/ingest/clicks", Clicks.json("k3"), "X-API-Key", wrong);
        IngestClient.Answer forbidden = client.postJson("/ingest/clicks", Clicks.json("k4"), "X-API-Key", OTHER);
        IngestClient.Answer ok = client.postJson("/ingest/clicks", Clicks.json("k5"), "Authorization", "Bearer " + SECRET);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(badHeader.status()).isEqualTo(401);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(ok.status()).isEqualTo(200);
        for (IngestClient.Answer a : List.of(missing, bad, badHeader, forbidden, ok)) {
            assertThat(a.body()).doesNotContain(wrong).doesNotContain(SECRET).doesNotContain(OTHER);
        }
        String metrics = client.get("/metrics").body();
        // The file appender flushes every line (log4j's immediateFlush), so the file is complete.
        String logs = Files.readString(Path.of("target/ingest-test.log"), StandardCharsets.UTF_8);
        assertThat(logs).contains("ingest server listening").contains("auth ApiKeys[web, orders]");
        for (String secret : List.of(wrong, SECRET, OTHER, ApiKeys.hashOf(SECRET), ApiKeys.hashOf(OTHER))) {
            assertThat(logs).doesNotContain(secret);
            assertThat(metrics).doesNotContain(secret);
        }
    }

    @Test
    void eachRefusalHasItsStatus() {
        String[] auth = {"X-API-Key", SECRET};
        assertThat(client.postJson("/ingest/nope", Clicks.json("a"), auth).status()).isEqualTo(404);
        assertThat(client.post("/ingest/clicks", "text/csv", "id,user".getBytes(), auth).join().status()).isEqualTo(415);
        assertThat(client.post("/ingest/clicks", "application/vnd.confluent.avro", new byte[8], auth).join().body())
                .contains("unsupported Content-Type"); // the stream takes no Avro bodies
        assertThat(client.postJson("/ingest/clicks", "[" + (Clicks.json("a") + ",").repeat(60) + Clicks.json("a") + "]", auth).status())
                .isEqualTo(413);
        String over = "[" + (Clicks.json("a") + ",").repeat(200) + Clicks.json("a") + "]";
        assertThat(client.postJson("/ingest/clicks", over, auth).status()).isEqualTo(413);
        assertThat(client.postJson("/ingest/clicks", Clicks.invalidJson("a"), auth).body()).contains("$.user").contains("$.device.mobile");
        assertThat(client.postJson("/ingest/clicks", Clicks.json("a"), "X-API-Key", SECRET, "Idempotency-Key", "x".repeat(300)).status())
                .isEqualTo(400);
    }

    @Test
    void anIdempotencyKeyIsReplayedNotProducedTwiceAndRefusedForAnotherBody() {
        String[] h = {"X-API-Key", SECRET, "Idempotency-Key", "order-77"};
        IngestClient.Answer first = client.postJson("/ingest/clicks", Clicks.json("i1"), h);
        IngestClient.Answer again = client.postJson("/ingest/clicks", Clicks.json("i1"), h);
        IngestClient.Answer other = client.postJson("/ingest/clicks", Clicks.json("i2"), h);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void healthReadinessAndPrometheusMetrics() throws Exception {
        assertThat(client.get("/healthz").status()).isEqualTo(200);
        IngestClient.Answer ready = client.get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\":true");
        client.postJson("/ingest/clicks", Clicks.json("m"), "X-API-Key", SECRET);
        IngestClient.Answer metrics = client.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("sluice_ingest_requests_total{status=\"200\",stream=\"clicks\"}")
                .contains("sluice_ingest_records_total{outcome=\"accepted\",stream=\"clicks\"}")
                .contains("sluice_ingest_latency_seconds_bucket").contains("sluice_ingest_inflight_records");
        assertThat(client.get("/nowhere").status()).isEqualTo(404);
    }
}
