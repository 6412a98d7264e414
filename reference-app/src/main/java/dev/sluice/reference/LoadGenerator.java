package dev.sluice.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic clickstream traffic, posted as a browser-facing backend would to {@code /ingest/clicks}:
 * browsing sessions over a product catalogue, about 3% bot traffic (which the pipeline filters),
 * 0.5% events with text where a number belongs (which /ingest rejects with their field paths) and
 * 0.5% with a country that is not an ISO code (which the pipeline dead-letters). Deterministic
 * for a given seed.
 */
final class LoadGenerator {

    private static final List<String> PAGES = List.of("/", "/products/%d", "/products/%d", "/products/%d", "/search?q=item%d",
            "/cart", "/checkout", "/account");
    private static final List<String> AGENTS = List.of(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15",
            "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) Mobile/15E148",
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) Chrome/131.0 Mobile");
    private static final List<String> COUNTRIES = List.of("DE", "US", "FR", "GB", "IN", "BR", "JP", "NL");

    private static final int BATCH = 100;
    private static final int IN_FLIGHT = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final Random random;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private long batches;

    /** Posts to {@code endpoint}, for example {@code http://127.0.0.1:8000/ingest/clicks}. */
    LoadGenerator(URI endpoint, long seed) {
        this.endpoint = endpoint;
        this.random = new Random(seed);
    }

    /**
     * Posts {@code count} events in batches of 100 (JSON arrays and NDJSON, 4 requests in flight)
     * and returns when every batch is answered: accepted records are in Kafka, rejected ones are
     * counted. A 429 or 503 is retried after its {@code Retry-After} with the same Idempotency-Key.
     * An interrupt (the demo's Ctrl-C) stops it making batches; those already posted are still
     * awaited, so {@link #sent()} counts only events that went out. The interrupt stays set.
     */
    void send(long count) {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (long left = count; left > 0; left -= BATCH) {
            try {
                window.acquire(); // before the batch is made: an event is counted as sent only once it is posted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            int n = (int) Math.min(BATCH, left);
            List<String> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long id = sent.getAndIncrement();
                events.add(event(id, "u-" + random.nextInt(5_000)));
            }
            boolean ndjson = batches % 2 == 1;
            String body = ndjson ? String.join("\n", events) : "[" + String.join(",", events) + "]";
            String key = "demo-batch-" + batches++;
            all.add(post(key, ndjson ? "application/x-ndjson" : "application/json", body).whenComplete((v, e) -> window.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> post(String key, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
            if (r.statusCode() == 429 || r.statusCode() == 503) {
                long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
                return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait, TimeUnit.SECONDS))
                        .thenCompose(x -> post(key, contentType, body));
            }
            tally(r);
            return CompletableFuture.completedFuture(null);
        });
    }

    private void tally(HttpResponse<String> r) {
        try {
            JsonNode answer = JSON.readTree(r.body());
            if (answer.has("accepted")) {
                accepted.addAndGet(answer.get("accepted").asLong());
                rejected.addAndGet(answer.get("rejected").size());
                return;
            }
        } catch (java.io.IOException e) {
            // falls through: an answer that is not the ingest server's
        }
        throw new IllegalStateException("/ingest answered " + r.statusCode() + ": " + r.body());
    }

    long sent() {
        return sent.get();
    }

    /** Events Kafka acknowledged (the 2xx part of the answers). */
    long accepted() {
        return accepted.get();
    }

    /** Events /ingest refused with their field paths (they never reach Kafka). */
    long rejected() {
        return rejected.get();
    }

    private String event(long n, String user) {
        String page = String.format(PAGES.get(random.nextInt(PAGES.size())), random.nextInt(500));
        boolean bot = random.nextInt(100) < 3;
        String agent = bot ? "Googlebot/2.1 (+http://www.google.com/bot.html)" : AGENTS.get(random.nextInt(AGENTS.size()));
        String duration = Long.toString((long) Math.abs(random.nextGaussian() * 20_000));
        String country = "\"" + COUNTRIES.get(random.nextInt(COUNTRIES.size())) + "\"";
        int fault = random.nextInt(1000);
        if (fault < 5) {
            duration = "\"" + duration + "ms\""; // a client that sends text where a number belongs
        } else if (fault < 10) {
            country = "\"Germany\""; // not an ISO code: the enrichment rejects it
        }
        String referrer = random.nextBoolean() ? "null" : "\"https://search.example/?q=" + random.nextInt(100) + "\"";
        return "{\"eventId\":\"e-" + n + "\",\"userId\":\"" + user + "\",\"sessionId\":\"s-" + user + "-" + (n / 50)
                + "\",\"url\":\"" + page + "\",\"referrer\":" + referrer + ",\"userAgent\":\"" + agent + "\",\"country\":" + country
                + ",\"durationMs\":" + duration + ",\"timestamp\":\"" + Instant.now() + "\"}";
    }

}
