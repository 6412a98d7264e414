package dev.sluice.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KRaftBroker;
import dev.sluice.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The broker stops under load and comes back: meanwhile requests are answered 503 or 429 with
 * Retry-After (never 2xx, never 500), readiness turns false, and afterwards every record that was
 * answered 2xx, before, during or after the outage, is in Kafka.
 */
class IngestBrokerOutageIT {

    private enum Phase { BEFORE, DOWN, AFTER }

    private record Outcome(Phase phase, int status, String retryAfter) {}

    @Test
    void noRecordIsAnswered2xxWithoutBeingInKafka() throws Exception {
        try (KRaftBroker kafka = KRaftBroker.start()) {
            kafka.createTopic("ingest-outage", 2);
            IngestConfig config = IngestConfig.defaults(kafka.bootstrapServers()).withListen("127.0.0.1", 0)
                    .withStreams(List.of(Clicks.stream("clicks", "ingest-outage")))
                    .withLimits(1 << 20, 500).withTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(1));
            Map<String, Outcome> answers = new ConcurrentHashMap<>();
            AtomicInteger noAnswer = new AtomicInteger();
            try (IngestServer server = IngestServer.start(config)) {
                IngestClient client = new IngestClient(server.port());
                AtomicBoolean running = new AtomicBoolean(true);
                Phase[] phase = {Phase.BEFORE};
                ExecutorService load = Executors.newFixedThreadPool(8);
                AtomicInteger ids = new AtomicInteger();
                for (int t = 0; t < 8; t++) {
                    load.submit(() -> {
                        while (running.get()) {
                            String id = "o-" + ids.incrementAndGet();
                            Phase at = phase[0];
                            try {
                                IngestClient.Answer a = client.postJson("/ingest/clicks", Clicks.json(id), "Idempotency-Key", id);
                                answers.put(id, new Outcome(at == Phase.BEFORE && phase[0] != Phase.BEFORE ? Phase.DOWN : at, a.status(), a.header("Retry-After")));
                            } catch (RuntimeException e) {
                                noAnswer.incrementAndGet(); // a client-side timeout: allowed, and not a 2xx
                            }
                        }
                    });
                }
                Thread.sleep(2_000);
                phase[0] = Phase.DOWN;
                kafka.stop();
                Thread.sleep(7_000); // longer than the 4 s ack timeout: requests must be answered meanwhile
                assertThat(new IngestClient(server.port()).get("/readyz").status()).isEqualTo(503);
                kafka.startAgain();
                phase[0] = Phase.AFTER;
                Thread.sleep(3_000);
                running.set(false);
                load.shutdown();
                assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }

            Map<Phase, Map<Integer, Long>> byPhase = answers.values().stream().collect(Collectors.groupingBy(Outcome::phase,
                    Collectors.groupingBy(Outcome::status, Collectors.counting())));
            assertThat(byPhase.get(Phase.BEFORE)).containsOnlyKeys(200);
            System.out.println("answers by phase and status: " + byPhase + "; without answer: " + noAnswer.get());
            assertThat(byPhase.get(Phase.DOWN).keySet()).as("%s", byPhase).containsAnyOf(503, 429);
            assertThat(byPhase.get(Phase.AFTER)).containsKey(200);
            assertThat(answers.values()).allMatch(o -> o.status() == 200 || o.status() == 503 || o.status() == 429, "only 200, 503, 429");
            assertThat(answers.values()).filteredOn(o -> o.status() != 200).allMatch(o -> o.retryAfter() != null, "Retry-After on refusals");

            Set<String> acknowledged = answers.entrySet().stream().filter(e -> e.getValue().status() == 200).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            List<ConsumerRecord<byte[], byte[]>> inKafka = Topics.read(kafka, "ingest-outage", acknowledged.size(), Duration.ofSeconds(60));
            Set<String> keys = inKafka.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
            List<String> lost = new ArrayList<>(acknowledged);
            lost.removeAll(keys);
            assertThat(lost).as("answered 200 but not in Kafka (%s answers: %s; %d without answer)", answers.size(), byPhase, noAnswer.get())
                    .isEmpty();
        }
    }
}
