package dev.sluice.ingest.http;

import dev.sluice.kafka.KafkaClientDefaults;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one producer of the ingest server, with a bound on records in flight.
 *
 * <p>Contract: {@link #send} never blocks the calling event loop (the producer's
 * {@code max.block.ms} is 0 and every stream's topic metadata is fetched at start). It answers one
 * outcome per record: {@code null} once Kafka acknowledged it with acks=all, else the reason it is
 * not known durable. A batch that would push the records in flight over the bound is refused whole
 * ({@link Refused}), before anything is sent. Thread-safe.
 */
final class BoundedProducer implements AutoCloseable {

    /** Nothing of the batch was sent: too many records in flight. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    BoundedProducer(IngestConfig config) {
        Map<String, Object> p = new HashMap<>(config.producerConfig());
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putAll(KafkaClientDefaults.durableProducer(config.bootstrapServers()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        int ackMs = (int) Math.min(Integer.MAX_VALUE, config.ackTimeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ackMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ackMs - 10, 30_000));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sluice-ingest");
        this.producer = new KafkaProducer<>(p);
        this.maxInFlight = config.maxInFlightRecords();
    }

    /** Fetches a topic's metadata (blocking, at start), so sends never wait for it. */
    void warmUp(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                producer.partitionsFor(topic);
                return;
            } catch (KafkaException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no metadata for topic " + topic + " within " + timeout + ": " + e.getMessage(), e);
                }
                sleep(50); // max.block.ms=0 makes partitionsFor fail fast until metadata arrives
            }
        }
    }

    int maxInFlight() {
        return maxInFlight;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Sends the records in order; the future completes when every one has an outcome. */
    CompletableFuture<String[]> send(List<ProducerRecord<byte[], byte[]>> records) {
        int n = records.size();
        if (inFlight.addAndGet(n) > maxInFlight) {
            inFlight.addAndGet(-n);
            throw new Refused(maxInFlight + " records are already waiting for Kafka's acknowledgement");
        }
        String[] outcomes = new String[n];
        AtomicInteger pending = new AtomicInteger(n);
        CompletableFuture<String[]> done = new CompletableFuture<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            try {
                producer.send(records.get(i), (meta, error) -> {
                    if (error != null) {
                        outcomes[index] = reason(error);
                    }
                    finish(pending, done, outcomes);
                });
            } catch (BufferExhaustedException e) {
                outcomes[index] = "the producer buffer is full (Kafka is slow or unreachable)";
                finish(pending, done, outcomes);
            } catch (KafkaException | IllegalStateException e) {
                outcomes[index] = reason(e);
                finish(pending, done, outcomes);
            }
        }
        return done;
    }

    private void finish(AtomicInteger pending, CompletableFuture<String[]> done, String[] outcomes) {
        inFlight.decrementAndGet();
        if (pending.decrementAndGet() == 0) {
            done.complete(outcomes); // the counter's decrement publishes every outcome written before it
        }
    }

    private static String reason(Exception e) {
        return "not acknowledged by Kafka: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching topic metadata", e);
        }
    }

    /** Waits for everything in flight to get its outcome, then closes the producer. */
    @Override
    public void close() {
        producer.flush();
        producer.close(Duration.ofSeconds(10));
    }
}
