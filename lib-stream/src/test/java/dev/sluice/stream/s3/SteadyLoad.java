package dev.sluice.stream.s3;

import dev.sluice.embedded.KafkaService;
import dev.sluice.formats.ConfluentAvroCodec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Clicks produced at a steady rate from a thread of their own, ids from 0 up, round-robin over the
 * partitions, until closed: the continuous load under which a pipeline is observed or killed.
 */
final class SteadyLoad implements AutoCloseable {

    private static final int TICKS_PER_SECOND = 20;

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong produced = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private SteadyLoad(KafkaService kafka, ConfluentAvroCodec<GenericRecord> codec, String topic, int partitions, int perSecond) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = new Thread(() -> {
            long tick = 1_000_000_000L / TICKS_PER_SECOND;
            long next = System.nanoTime();
            while (running) {
                for (int i = 0; i < perSecond / TICKS_PER_SECOND; i++) {
                    long id = produced.getAndIncrement();
                    producer.send(new ProducerRecord<>(topic, (int) (id % partitions), Clicks.timeOf(id).toEpochMilli(),
                            Long.toString(id).getBytes(), codec.encode(Clicks.click(id, false))));
                }
                next += tick;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "steady-load-" + topic);
        thread.setDaemon(true);
    }

    /** Starts producing {@code perSecond} clicks a second to {@code topic}. */
    static SteadyLoad start(KafkaService kafka, ConfluentAvroCodec<GenericRecord> codec, String topic, int partitions, int perSecond) {
        SteadyLoad load = new SteadyLoad(kafka, codec, topic, partitions, perSecond);
        load.thread.start();
        return load;
    }

    /** Stops, waits for every record sent to be acknowledged, and answers how many there are (ids 0 to n-1). */
    long stop() throws InterruptedException {
        running = false;
        thread.join();
        producer.flush();
        return produced.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
        producer.close();
    }
}
