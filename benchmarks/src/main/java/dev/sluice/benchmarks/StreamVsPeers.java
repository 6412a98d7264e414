package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.Event;
import dev.sluice.embedded.KafkaService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.testkit.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End to end against one in-JVM broker, in one run so the figures sit side by side: a raw copy
 * loop (the ceiling), Sluice's StreamPipeline, Kafka Streams and Flink, each at-least-once and
 * exactly-once, over the same input of 12-field events on 6 partitions. All run in the harness's
 * process but Flink, whose connector needs an older kafka-clients than the broker: its
 * MiniCluster runs in a child JVM started once ({@link FlinkChild}).
 *
 * <p>Timing: from start() until the work is visibly done. At-least-once: the output topic's end
 * offsets reach the expected count (no transaction markers there). Exactly-once: a
 * {@code read_committed} consumer the harness runs beside the contender has seen every expected
 * record of the output, so the time ends at the transaction that made the last one visible. Not by
 * the group's committed offsets: Flink keeps its own in its checkpoints and commits them to the
 * group only for monitoring, seconds later; nor by committed offsets at-least-once (Kafka Streams
 * commits every 30 s).
 * After each run, outside its time, its output is counted (exactly-once: what a
 * {@code read_committed} consumer sees): a contender that wrote more or less than expected fails
 * the benchmark, so none can win or lose by doing other work than the rest.
 */
final class StreamVsPeers {

    static final int PARTITIONS = 6;

    private StreamVsPeers() {}

    record Run(String contender, boolean exactlyOnce, double recordsPerSecond, double seconds) {}

    static void run(long records, int threads, int rounds) throws Exception {
        System.out.printf("stream-vs-peers: %,d events, %d partitions, one in-JVM broker, %d worker(s)/thread(s) each, "
                + "median of %d round(s)%n", records, PARTITIONS, threads, rounds);
        FixedRegistry registry = new FixedRegistry();
        try (KafkaService kafka = Services.kafka(); FlinkChild flink = FlinkChild.start(threads)) {
            String in = "bench-in";
            kafka.createTopic(in, PARTITIONS);
            long t0 = System.nanoTime();
            produce(kafka.bootstrapServers(), in, records, Events.codec(registry));
            System.out.printf("  input produced in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            Map<String, Supplier<Contender>> contenders = new LinkedHashMap<>();
            contenders.put("raw", RawCopyLoop::new);
            contenders.put("sluice", () -> new SluiceContender(registry));
            contenders.put("kstreams", () -> new KafkaStreamsContender(registry));
            contenders.put("flink", () -> new FlinkContender(flink, registry));
            // Warm-up: each contender once over the first events, so no measured run pays for cold JIT.
            String warm = "bench-warmup";
            kafka.createTopic(warm, PARTITIONS);
            long warmRecords = Math.min(records, 100_000);
            produce(kafka.bootstrapServers(), warm, warmRecords, Events.codec(registry));
            int n = 0;
            for (Map.Entry<String, Supplier<Contender>> c : contenders.entrySet()) {
                long expected = c.getKey().equals("raw") ? warmRecords : Events.kept(warmRecords);
                measure(kafka, c.getKey(), c.getValue().get(), warm, "warmup-" + c.getKey() + "-" + (n++), warmRecords, expected, false, threads);
            }
            System.out.println("  warmed up (each contender once over 100,000 events)");
            Map<String, List<Double>> rates = new HashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (boolean eos : new boolean[] {false, true}) {
                    for (Map.Entry<String, Supplier<Contender>> c : contenders.entrySet()) {
                        String id = c.getKey() + (eos ? "-eos" : "-alos") + "-" + (n++);
                        long expected = c.getKey().equals("raw") ? records : Events.kept(records);
                        Run r = measure(kafka, c.getKey(), c.getValue().get(), in, id, records, expected, eos, threads);
                        rates.computeIfAbsent(c.getKey() + eos, k -> new ArrayList<>()).add(r.recordsPerSecond());
                        System.out.printf("  round %d  %-9s %-14s %,10.0f records/s  (%.2f s)%n", round, r.contender(),
                                eos ? "exactly-once" : "at-least-once", r.recordsPerSecond(), r.seconds());
                    }
                }
            }
            Map<String, Run> results = new HashMap<>();
            rates.forEach((key, list) -> results.put(key, new Run(key, false, Results.median(list), 0)));
            System.out.println("  medians:");
            for (boolean eos : new boolean[] {false, true}) {
                for (String c : contenders.keySet()) {
                    System.out.printf("           %-9s %-14s %,10.0f records/s%n", c, eos ? "exactly-once" : "at-least-once",
                            results.get(c + eos).recordsPerSecond());
                }
            }
            for (boolean eos : new boolean[] {false, true}) {
                String mode = eos ? "eos" : "alos";
                Results.print("stream-vs-kstreams-" + mode, results.get("sluice" + eos).recordsPerSecond(), results.get("kstreams" + eos).recordsPerSecond());
                Results.print("stream-vs-flink-" + mode, results.get("sluice" + eos).recordsPerSecond(), results.get("flink" + eos).recordsPerSecond());
                Results.print("stream-vs-raw-" + mode, results.get("sluice" + eos).recordsPerSecond(), results.get("raw" + eos).recordsPerSecond());
            }
        }
    }

    private static Run measure(KafkaService kafka, String name, Contender contender, String in, String id, long records, long expected,
                               boolean eos, int threads) throws Exception {
        String out = id + "-out";
        kafka.createTopic(out, PARTITIONS);
        try (Admin admin = kafka.admin(); KafkaConsumer<byte[], byte[]> visible = eos ? OutputCount.readCommitted(kafka.bootstrapServers(), out) : null) {
            long seen = 0;
            long start = System.nanoTime();
            contender.start(kafka.bootstrapServers(), in, out, id, eos, threads);
            long deadline = start + TimeUnit.MINUTES.toNanos(3);
            while (!(eos ? seen >= expected : OffsetTotals.end(admin, out) >= expected)) {
                if (System.nanoTime() > deadline) {
                    System.out.printf("  note: %s (%s) did not finish within 3 minutes; this run counts as 0 records/s%n",
                            name, eos ? "exactly-once" : "at-least-once");
                    contender.close();
                    return new Run(name, eos, 0, (System.nanoTime() - start) / 1e9);
                }
                contender.check();
                if (eos) {
                    seen += visible.poll(Duration.ofMillis(50)).count();
                } else {
                    Thread.sleep(50);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            contender.close();
            long written = eos ? OutputCount.committed(kafka.bootstrapServers(), out) : OffsetTotals.end(admin, out);
            if (written != expected) {
                throw new IllegalStateException(name + (eos ? " (exactly-once)" : " (at-least-once)") + " wrote " + written
                        + " records to " + out + ", expected " + expected + ": its figure would not compare with the others'");
            }
            return new Run(name, eos, records / seconds, seconds);
        }
    }

    /** Writes events 0 to {@code records - 1} to {@code topic}, keyed by user, and waits until all are acknowledged. */
    static void produce(String bootstrap, String topic, long records, ConfluentAvroCodec<Event> codec) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, "262144",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            Future<RecordMetadata> last = null;
            for (long i = 0; i < records; i++) {
                Event e = Events.event(i);
                last = p.send(new ProducerRecord<>(topic, e.getUserId().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), codec.encode(e)));
            }
            p.flush();
            if (last != null) {
                last.get();
            }
        }
    }

}
