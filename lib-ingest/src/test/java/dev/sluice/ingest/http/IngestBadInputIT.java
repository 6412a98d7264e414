package dev.sluice.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 bad bodies (malformed, truncated, oversized, of a wrong type, random bytes, records of
 * the wrong shape) answered 4xx only, never 5xx, with no stack trace; nothing of them reaches
 * Kafka; the server serves a good request afterwards. Also the status of each kind of refusal.
 */
class IngestBadInputIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern STACK_TRACE = Pattern.compile("\\sat [\\w.$]+\\(|Exception\\n|\\.java:\\d+");

    private record Bad(String kind, String contentType, byte[] body) {}

    @Test
    void tenThousandBadBodiesGetOnly4xxAndTheServerStillServes() throws Exception {
        String topic = "ingest-bad";
        KAFKA.get().createTopic(topic, 1);
        ConfluentAvroCodec<GenericRecord> codec = ConfluentAvroCodec.generic(REGISTRY.get().client(), topic + "-value", Clicks.SCHEMA);
        IngestStream stream = IngestStream.of("clicks", topic, Clicks.SCHEMA, codec).withAvroBodies(codec);
        try (IngestServer server = IngestServer.start(IngestConfig.defaults(KAFKA.get().bootstrapServers())
                .withListen("127.0.0.1", 0).withStreams(List.of(stream)).withLimits(MAX_BODY, 50_000))) {
            IngestClient client = new IngestClient(server.port());
            List<Bad> bad = badBodies(new Random(42), codec.encode(new JsonAvroConverter(Clicks.SCHEMA).convert(Clicks.json("x"))));
            assertThat(bad).hasSize(10_000);
            Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            Semaphore window = new Semaphore(16);
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (Bad b : bad) {
                window.acquireUninterruptibly();
                all.add(client.post("/ingest/clicks", b.contentType(), b.body()).whenComplete((a, e) -> {
                    window.release();
                    if (e != null) {
                        problems.add(b.kind() + ": no answer: " + e);
                    } else {
                        statuses.computeIfAbsent(b.kind() + " " + a.status(), k -> new AtomicInteger()).incrementAndGet();
                        if (a.status() < 400 || a.status() >= 500) {
                            problems.add(b.kind() + " answered " + a.status() + ": " + a.body());
                        } else if (STACK_TRACE.matcher(a.body()).find()) {
                            problems.add(b.kind() + " answer carries a stack trace: " + a.body());
                        }
                    }
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            assertThat(problems).as("statuses %s", statuses).isEmpty();
            assertThat(statuses.keySet()).anyMatch(k -> k.endsWith(" 413")).anyMatch(k -> k.endsWith(" 415")).anyMatch(k -> k.endsWith(" 400"));

            assertThat(client.postJson("/ingest/clicks", Clicks.json("after")).status()).isEqualTo(200);
            assertThat(Topics.read(KAFKA.get(), topic, 1, Duration.ofSeconds(10))).singleElement()
                    .satisfies(r -> assertThat(codec.decode(r.value()).get("id")).hasToString("after"));
        }
    }

    /** 1,000 of each of ten kinds. */
    private static List<Bad> badBodies(Random rnd, byte[] avro) {
        String json = Clicks.json("a");
        String ndjson = Clicks.json("a") + "\n" + Clicks.json("b") + "\n";
        List<Bad> out = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            out.add(new Bad("truncated json", "application/json", utf8(json.substring(0, 1 + rnd.nextInt(json.length() - 1)))));
            out.add(new Bad("truncated ndjson", "application/x-ndjson", utf8(ndjson.substring(0, 1 + rnd.nextInt(Clicks.json("a").length() - 1)))));
            out.add(new Bad("truncated avro", "application/vnd.confluent.avro", Arrays.copyOf(avro, rnd.nextInt(avro.length - 1))));
            out.add(new Bad("random bytes", List.of("application/json", "application/x-ndjson", "application/vnd.confluent.avro").get(i % 3),
                    random(rnd, 1 + rnd.nextInt(2048))));
            out.add(new Bad("wrong content type", List.of("text/plain", "application/xml", "multipart/form-data").get(i % 3), utf8(json)));
            out.add(new Bad("no content type", null, utf8(json)));
            out.add(new Bad("oversized", "application/json", utf8("[" + (json + ",").repeat(MAX_BODY / json.length() + 1 + rnd.nextInt(50)) + json + "]")));
            out.add(new Bad("wrong field types", "application/json", utf8(json.replace("\"durationMs\":", "\"durationMs\":\"" + rnd.nextInt() + "\",\"x\":")
                    .replace("\"mobile\":false", "\"mobile\":" + List.of("1", "\"no\"", "[]", "{}").get(i % 4)))));
            out.add(new Bad("not records", "application/json", utf8(List.of("42", "\"text\"", "null", "true", "[]", "[1,2]", "{}", "[[]]").get(i % 8))));
            out.add(new Bad("garbage after json", "application/json", utf8(json + List.of("x", "}", "{", "]", " 1").get(i % 5))));
        }
        return out;
    }

    private static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
