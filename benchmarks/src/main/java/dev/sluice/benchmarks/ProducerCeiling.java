package dev.sluice.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling HTTP ingest is measured against: a plain Java producer, with the ingest server's
 * producer settings (acks=all, idempotent, linger 0, 128 KiB batches, lz4), sending as fast as it
 * can the very records the server produced (their key and Avro bytes, read back from its topic),
 * so the difference is what HTTP, JSON parsing and Avro encoding cost.
 */
final class ProducerCeiling {

    private ProducerCeiling() {}

    /** The first {@code n} records of {@code topic}, as keys and values to send to {@code to}. */
    static List<ProducerRecord<byte[], byte[]>> sample(String bootstrap, String topic, int n, String to) {
        try (KafkaConsumer<byte[], byte[]> c = OutputCount.readCommitted(bootstrap, topic)) { // the server writes no transactions
            List<ProducerRecord<byte[], byte[]>> sample = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sample.size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + sample.size() + " records in " + topic + " within 30 s, wanted " + n);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (sample.size() < n) {
                        sample.add(new ProducerRecord<>(to, r.key(), r.value()));
                    }
                }
            }
            return sample;
        }
    }

    /**
     * Sends {@code sample} round and round for {@code seconds}, then flushes; returns the records
     * acknowledged per second, the flush included. Fails if any send failed.
     */
    static Rate run(String bootstrap, List<ProducerRecord<byte[], byte[]>> sample, int seconds) throws InterruptedException {
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                p.send(sample.get(i % sample.size()), (meta, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            p.flush();
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("the plain producer's send failed", failure.get());
            }
            return new Rate(acked.get(), acked.get() / elapsed);
        }
    }

    /** Records acknowledged and their rate. */
    record Rate(long records, double perSecond) {}
}
