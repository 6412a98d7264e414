package dev.sluice.reference;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Realistic clickstream traffic as JSON: browsing sessions over a product catalogue, about 3% bot
 * traffic (which the pipeline filters) and about 1% malformed events (which it dead-letters).
 * Until lib-ingest's HTTP endpoint lands, it writes straight to the raw topic, as that endpoint will.
 * Deterministic for a given seed.
 */
final class LoadGenerator implements AutoCloseable {

    private static final List<String> PAGES = List.of("/", "/products/%d", "/products/%d", "/products/%d", "/search?q=item%d",
            "/cart", "/checkout", "/account");
    private static final List<String> AGENTS = List.of(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15",
            "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) Mobile/15E148",
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) Chrome/131.0 Mobile");
    private static final List<String> COUNTRIES = List.of("DE", "US", "FR", "GB", "IN", "BR", "JP", "NL");

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Random random;
    private final AtomicLong sent = new AtomicLong();

    LoadGenerator(String bootstrapServers, String topic, long seed) {
        this.topic = topic;
        this.random = new Random(seed);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "10", ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code count} events and waits until Kafka acknowledged all of them. */
    void send(long count) {
        for (long i = 0; i < count; i++) {
            long n = sent.getAndIncrement();
            String user = "u-" + random.nextInt(5_000);
            producer.send(new ProducerRecord<>(topic, user, event(n, user).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    long sent() {
        return sent.get();
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

    @Override
    public void close() {
        producer.close();
    }
}
