package dev.sluice.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling: a consumer-to-producer copy loop with no decoding and no transforms (it copies the
 * bots too), with Sluice's producer settings (acks=all, idempotent, 20 ms linger, 64 KiB batches,
 * lz4). Commits like Sluice: flush then commit every second (at-least-once), or one
 * transaction with the offsets every second (exactly-once).
 */
final class RawCopyLoop implements Contender {

    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();

    @Override
    public void start(String bootstrap, String in, String out, String group, boolean exactlyOnce, int count) {
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread t = new Thread(() -> run(bootstrap, in, out, group, exactlyOnce, index), "raw-copy-loop-" + i);
            threads.add(t);
            t.start();
        }
    }

    private void run(String bootstrap, String in, String out, String group, boolean eos, int index) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> p = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, "65536", ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
        if (eos) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-raw-" + index);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(in));
            if (eos) {
                producer.initTransactions();
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long lastCommit = System.nanoTime();
            boolean inTx = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (eos && !inTx && !records.isEmpty()) {
                    producer.beginTransaction();
                    inTx = true;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                if (System.nanoTime() - lastCommit > 1_000_000_000L && !offsets.isEmpty()) {
                    if (eos) {
                        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                        producer.commitTransaction();
                        inTx = false;
                    } else {
                        producer.flush();
                        consumer.commitSync(offsets);
                    }
                    offsets.clear();
                    lastCommit = System.nanoTime();
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }
}
