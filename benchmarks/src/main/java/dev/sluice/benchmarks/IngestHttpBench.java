package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.Event;
import dev.sluice.embedded.KafkaService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.ingest.http.IngestConfig;
import dev.sluice.ingest.http.IngestServer;
import dev.sluice.ingest.http.IngestStream;
import dev.sluice.testkit.Services;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The HTTP ingest server against the in-JVM broker with acks=all, loaded by wrk over loopback:
 * single-record JSON requests at 16 and 64 connections, then 100-record JSON arrays at 16
 * connections. Every figure is a 2xx answer, which the server sends only after Kafka acknowledged
 * every record; afterwards the topic's end offsets are checked against the answers counted.
 * The peer figures are the Strimzi Kafka HTTP bridge's, measured side by side on the same kind of
 * machine (the issue gives them; the bridge cannot be built here). Last, the ceiling in the same
 * run: a plain producer sending the records the server produced ({@link ProducerCeiling}). Each
 * measured run also prints the CPU the server's event loops and its producer's I/O thread spent
 * per record ({@link ThreadCpu}), the server's own cost apart from the broker and wrk beside it.
 */
final class IngestHttpBench {

    // The bridge against the same kind of external KRaft broker: wrk -t1, 15 s, acks=all, linger 0, lz4.
    static final double BRIDGE_SINGLE = 1_500;
    static final double BRIDGE_BATCH = 13_700;
    private static final int PARTITIONS = 3;
    private static final int BATCH = 100;

    private IngestHttpBench() {}

    static void run(int seconds) throws Exception {
        Wrk.requireInstalled();
        try (KafkaService kafka = Services.kafka()) {
            kafka.createTopic("clicks", PARTITIONS);
            Schema schema = Event.getClassSchema();
            IngestStream stream = IngestStream.of("clicks", "clicks", schema,
                    ConfluentAvroCodec.generic(new FixedRegistry(), "clicks-value", schema)).withKeyField("userId");
            IngestConfig config = IngestConfig.defaults(kafka.bootstrapServers()).withListen("127.0.0.1", 0).withStreams(List.of(stream));
            try (IngestServer server = IngestServer.start(config)) {
                String url = "http://127.0.0.1:" + server.port() + "/ingest/clicks";
                Path single = Wrk.script("application/json", event(0));
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    batch.add(event(i));
                }
                Path hundred = Wrk.script("application/json", "[" + String.join(",", batch) + "]");
                long expected = 0;
                expected += accepted(Wrk.run(url, single, 16, Math.max(3, seconds / 2)), 1); // warm-up: JIT, producer batches
                Measured c16 = measure(url, single, 16, seconds, 1);
                Measured c64 = measure(url, single, 64, seconds, 1);
                expected += accepted(c16.run(), 1) + accepted(c64.run(), 1);
                expected += accepted(Wrk.run(url, hundred, 16, Math.max(3, seconds / 2)), BATCH);
                Measured b16 = measure(url, hundred, 16, seconds, BATCH);
                expected += accepted(b16.run(), BATCH);
                long inKafka = OffsetTotals.end(kafka, "clicks");
                report("single, 16 connections", c16, 1);
                report("single, 64 connections", c64, 1);
                report("100-record batches, 16 connections", b16, BATCH);
                System.out.printf("check: %,d records in Kafka, %,d acknowledged by 2xx answers wrk counted (wrk leaves the"
                        + " answers in flight at each run's end uncounted)%n", inKafka, expected);
                if (inKafka < expected) {
                    throw new IllegalStateException("fewer records in Kafka than 2xx answers: " + inKafka + " < " + expected);
                }
                kafka.createTopic("clicks-producer", PARTITIONS);
                List<ProducerRecord<byte[], byte[]>> sample = ProducerCeiling.sample(kafka.bootstrapServers(), "clicks", BATCH, "clicks-producer");
                long sent = ProducerCeiling.run(kafka.bootstrapServers(), sample, Math.max(3, seconds / 2)).records(); // warm-up
                ProducerCeiling.Rate producer = ProducerCeiling.run(kafka.bootstrapServers(), sample, seconds);
                sent += producer.records();
                long producerInKafka = OffsetTotals.end(kafka, "clicks-producer");
                System.out.printf("%-36s %,10.0f records/s  (%,d acknowledged, %,d in Kafka)%n", "plain producer, same records",
                        producer.perSecond(), sent, producerInKafka);
                if (producerInKafka != sent) {
                    throw new IllegalStateException("the plain producer had " + sent + " records acknowledged, but its topic holds " + producerInKafka);
                }
                Results.print("ingest-http-single", c16.run().perSecond(), BRIDGE_SINGLE);
                Results.print("ingest-http-single-64", c64.run().perSecond(), BRIDGE_SINGLE);
                Results.print("ingest-http-batch", b16.run().perSecond() * BATCH, BRIDGE_BATCH);
                Results.print("ingest-http-vs-producer", b16.run().perSecond() * BATCH, producer.perSecond());
            }
        }
    }

    /** A wrk run and the CPU the server's threads spent in it: its event loops (HTTP, parse, encode, send) and its producer's I/O thread. */
    private record Measured(Wrk.Run run, long eventLoopNanos, long producerNanos) {}

    private static final String EVENT_LOOPS = "vert.x-eventloop-thread-";
    private static final String PRODUCER_IO = "kafka-producer-network-thread | sluice-ingest";

    private static Measured measure(String url, Path script, int connections, int seconds, int perRequest) throws Exception {
        ThreadCpu.Sample loops = ThreadCpu.sample(EVENT_LOOPS);
        ThreadCpu.Sample producer = ThreadCpu.sample(PRODUCER_IO);
        Wrk.Run run = Wrk.run(url, script, connections, seconds);
        return new Measured(run, ThreadCpu.since(loops, EVENT_LOOPS), ThreadCpu.since(producer, PRODUCER_IO));
    }

    private static long accepted(Wrk.Run r, int perRequest) {
        return (r.requests() - r.non2xx()) * perRequest;
    }

    private static void report(String what, Measured m, int perRequest) {
        Wrk.Run r = m.run();
        double records = Math.max(1, r.requests() * perRequest);
        System.out.printf("%-36s %,10.0f req/s %,10.0f records/s  p50 %.2f ms  p99 %.2f ms  non-2xx %d  server CPU/record: event loops %.2f µs,"
                        + " producer I/O %.2f µs%n", what, r.perSecond(), r.perSecond() * perRequest, r.p50Ms(), r.p99Ms(), r.non2xx(),
                m.eventLoopNanos() / records / 1e3, m.producerNanos() / records / 1e3);
    }

    /** A realistic clickstream event as an API client would post it. */
    static String event(int i) {
        return "{\"eventId\":\"e-" + i + "-5f0c2a9e\",\"userId\":\"user-" + (i % 997) + "\",\"sessionId\":\"s-" + (i % 131)
                + "-a81f\",\"url\":\"https://shop.example.com/products/" + (i % 500) + "?ref=home\",\"referrer\":"
                + (i % 3 == 0 ? "null" : "\"https://www.example.org/search?q=boots\"")
                + ",\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0\",\"country\":\"DE\","
                + "\"durationMs\":" + (1200 + i) + ",\"scrollPct\":" + (i % 101) + ",\"price\":" + (19.99 + i % 50)
                + ",\"timestamp\":1795500000000,\"bot\":false}";
    }

}
