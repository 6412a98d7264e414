package dev.sluice.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.JsonAvroConverter;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 50,000 records posted as JSON objects, JSON arrays, NDJSON and Confluent-wire Avro, one in ten
 * of the batched ones invalid, with retries of already answered requests: every accepted record is
 * in Kafka exactly once (by Idempotency-Key and body index), every rejected one was answered with
 * its field paths, and the values in Kafka are the posted ones.
 */
class IngestMixedBodiesIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "ingest-mixed";

    /** One request: its body, content type, and which of its records are valid (index -> id). */
    private record Post(String key, String contentType, byte[] body, Map<Integer, String> validIds, int records) {}

    @Test
    void everyAcceptedRecordOnceEveryRejectedOneAnsweredWithItsPaths() throws Exception {
        KAFKA.get().createTopic(TOPIC, 3);
        ConfluentAvroCodec<GenericRecord> codec = ConfluentAvroCodec.generic(REGISTRY.get().client(), TOPIC + "-value", Clicks.SCHEMA);
        IngestStream stream = IngestStream.of("clicks", TOPIC, Clicks.SCHEMA, codec).withAvroBodies(codec);
        List<Post> posts = posts(codec);
        assertThat(posts.stream().mapToInt(Post::records).sum()).isEqualTo(50_000);

        try (IngestServer server = IngestServer.start(IngestConfig.defaults(KAFKA.get().bootstrapServers())
                .withListen("127.0.0.1", 0).withStreams(List.of(stream)))) {
            IngestClient client = new IngestClient(server.port());
            Map<String, IngestClient.Answer> answers = new ConcurrentHashMap<>();
            send(client, posts, answers);
            // Retries of answered requests (a client that lost the answer): replayed, not produced again.
            List<Post> retries = posts.subList(0, 300);
            Map<String, IngestClient.Answer> replays = new ConcurrentHashMap<>();
            send(client, retries, replays);

            long accepted = 0;
            for (Post p : posts) {
                IngestClient.Answer a = answers.get(p.key());
                JsonNode body = JSON.readTree(a.body());
                int expectedStatus = p.validIds().size() == p.records() ? 200 : p.validIds().isEmpty() ? 400 : 207;
                assertThat(a.status()).as("answer to %s: %s", p.key(), a.body()).isEqualTo(expectedStatus);
                assertThat(body.get("accepted").asInt()).isEqualTo(p.validIds().size());
                Set<Integer> rejected = new HashSet<>();
                for (JsonNode r : body.get("rejected")) {
                    rejected.add(r.get("index").asInt());
                    assertThat(r.get("errors")).isNotEmpty();
                    for (JsonNode e : r.get("errors")) {
                        assertThat(e.get("path").asText()).startsWith("$");
                        assertThat(e.get("reason").asText()).isNotBlank();
                    }
                }
                assertThat(rejected).hasSize(p.records() - p.validIds().size());
                assertThat(Collections.disjoint(rejected, p.validIds().keySet())).isTrue();
                assertThat(body.get("failed")).isEmpty();
                accepted += p.validIds().size();
            }
            for (Post p : retries) {
                assertThat(replays.get(p.key()).header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(replays.get(p.key()).body()).isEqualTo(answers.get(p.key()).body());
            }
            assertThat(accepted).isEqualTo(36_000 + 4_900 + 4_950); // see posts(): 4,000, 100 and 50 invalid

            Map<String, String> expected = new HashMap<>();
            for (Post p : posts) {
                p.validIds().forEach((i, id) -> expected.put(p.key() + "#" + i, id));
            }
            List<ConsumerRecord<byte[], byte[]>> inKafka = Topics.read(KAFKA.get(), TOPIC, (int) accepted, Duration.ofSeconds(60));
            Map<String, String> seen = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : inKafka) {
                String id = new String(r.key(), StandardCharsets.UTF_8) + "#"
                        + new String(r.headers().lastHeader(StreamIngestor.INDEX_HEADER).value(), StandardCharsets.US_ASCII);
                String previous = seen.put(id, codec.decode(r.value()).get("id").toString());
                assertThat(previous).as("record %s twice", id).isNull();
            }
            assertThat(seen).hasSize((int) accepted).isEqualTo(expected);
        }
    }

    private static void send(IngestClient client, List<Post> posts, Map<String, IngestClient.Answer> answers) {
        Semaphore window = new Semaphore(32);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Post p : posts) {
            window.acquireUninterruptibly();
            all.add(client.post("/ingest/clicks", p.contentType(), p.body(), "Idempotency-Key", p.key())
                    .whenComplete((a, e) -> {
                        window.release();
                        if (a != null) {
                            answers.put(p.key(), a);
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        assertThat(answers).hasSize(posts.size());
    }

    /**
     * 400 JSON arrays and 400 NDJSON bodies of 50 (every 10th record invalid), 5,000 single JSON
     * objects (every 50th invalid) and 5,000 single Avro records (every 100th truncated).
     */
    private static List<Post> posts(ConfluentAvroCodec<GenericRecord> codec) {
        List<Post> posts = new ArrayList<>();
        JsonAvroConverter toAvro = new JsonAvroConverter(Clicks.SCHEMA);
        for (int r = 0; r < 800; r++) {
            String key = (r % 2 == 0 ? "array-" : "ndjson-") + r;
            Map<Integer, String> valid = new HashMap<>();
            List<String> records = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = key + "-" + i;
                boolean ok = i % 10 != 7;
                records.add(ok ? Clicks.json(id) : Clicks.invalidJson(id));
                if (ok) {
                    valid.put(i, id);
                }
            }
            String body = r % 2 == 0 ? "[" + String.join(",", records) + "]" : String.join("\n", records) + "\n";
            posts.add(new Post(key, r % 2 == 0 ? "application/json" : "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8), valid, 50));
        }
        for (int r = 0; r < 5_000; r++) {
            String id = "single-" + r;
            boolean ok = r % 50 != 0;
            posts.add(new Post(id, "application/json", (ok ? Clicks.json(id) : Clicks.invalidJson(id)).getBytes(StandardCharsets.UTF_8),
                    ok ? Map.of(0, id) : Map.of(), 1));
        }
        for (int r = 0; r < 5_000; r++) {
            String id = "avro-" + r;
            byte[] bytes = codec.encode(toAvro.convert(Clicks.json(id)));
            boolean ok = r % 100 != 0;
            posts.add(new Post(id, "application/vnd.confluent.avro", ok ? bytes : Arrays.copyOf(bytes, bytes.length - 4),
                    ok ? Map.of(0, id) : Map.of(), 1));
        }
        return posts;
    }
}
