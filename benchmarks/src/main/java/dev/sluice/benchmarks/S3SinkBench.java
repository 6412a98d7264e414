package dev.sluice.benchmarks;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.benchmarks.model.Event;
import dev.sluice.embedded.S3Service;
import dev.sluice.stream.s3.Buffering;
import dev.sluice.stream.s3.Compression;
import dev.sluice.stream.s3.FileFormat;
import dev.sluice.stream.s3.Partitioning;
import dev.sluice.stream.s3.Rotation;
import dev.sluice.stream.s3.S3Connection;
import dev.sluice.stream.s3.S3Sink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 sink against the in-JVM S3 server on a local directory: records/s and MB/s from the first
 * write to the last file durable, beside plain PUTs of the very same file bytes to the same server
 * with as many threads as the sink uploads with (the floor any S3 writer pays). Records are built
 * in memory with Kafka positions over 4 partitions, so Kafka is not in the measurement. Then the
 * same end to end from a Kafka topic, beside Kafka Connect with Iceberg's sink ({@link S3SinkVsConnect}).
 */
final class S3SinkBench {

    private static final int PARTITIONS = 4;
    private static final int THREADS = 4;
    private static final int RECORDS_PER_FILE = 100_000;

    /** A configuration measured; only the defaults' figures become RESULT lines. */
    private record Variant(String name, FileFormat format, Compression compression, boolean result) {}

    private static final List<Variant> VARIANTS = List.of(
            new Variant("s3-sink", FileFormat.AVRO, Compression.SNAPPY, true),
            new Variant("s3-sink-parquet", FileFormat.PARQUET, Compression.SNAPPY, true),
            // For insight only: with no compression the peer moves as many bytes as the sink encodes.
            new Variant("s3-sink-avro-uncompressed", FileFormat.AVRO, Compression.NONE, false));

    private S3SinkBench() {}

    static void run(long records, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("bench-s3");
        try (S3Service s3 = S3Service.startOnDirectory(dir)) {
            s3.createBucket("bench");
            List<Envelope<Event>> input = new ArrayList<>((int) records);
            for (long i = 0; i < records; i++) {
                Event e = Events.event(i);
                input.add(Envelope.of(e, null, EnvelopeHeaders.empty(), new Position.Kafka("events", (int) (i % PARTITIONS), i / PARTITIONS),
                        e.getTimestamp(), null));
            }
            for (Variant v : VARIANTS) {
                double[] sluice = new double[rounds];
                double[] peer = new double[rounds];
                double[] rate = new double[rounds];
                double[] putTimes = new double[rounds];
                for (int r = 0; r <= rounds; r++) { // round 0 warms up
                    String prefix = v.name() + "-" + r + "/";
                    long start = System.nanoTime();
                    double writing = write(s3, prefix, v, input);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    List<byte[]> files = download(s3, prefix);
                    long bytes = files.stream().mapToLong(b -> b.length).sum();
                    double putSeconds = putAll(s3, "raw-" + prefix, files);
                    System.out.printf("%s round %d: %,d records, %d files, %.1f MB: sink %.2f s (%.2f s in write(), %,.0f records/s, %.1f MB/s); raw PUT %.2f s (%.1f MB/s)%n",
                            v.name(), r, records, files.size(), bytes / 1e6, seconds, writing, records / seconds, bytes / 1e6 / seconds, putSeconds,
                            bytes / 1e6 / putSeconds);
                    if (r > 0) {
                        sluice[r - 1] = bytes / 1e6 / seconds;
                        peer[r - 1] = bytes / 1e6 / putSeconds;
                        rate[r - 1] = records / seconds;
                        putTimes[r - 1] = putSeconds;
                    }
                }
                System.out.printf("%s median: %,.0f records/s, %.1f MB/s; raw PUT %.1f MB/s (ratio %.2f)%n", v.name(), median(rate),
                        median(sluice), median(peer), median(sluice) / median(peer));
                floor(v, input, median(putTimes));
                if (v.result()) {
                    Results.print(v.name(), median(sluice), median(peer));
                }
            }
            input.clear();
            S3SinkVsConnect.run(s3, records, rounds); // end to end from Kafka, beside Kafka Connect's Iceberg sink
        }
    }

    /**
     * Prints what the format's own writer takes for the same records with no S3 at all (median of 3
     * after a warm-up), and the ratio that leaves at best against the raw PUT's {@code putSeconds}.
     */
    private static void floor(Variant v, List<Envelope<Event>> input, double putSeconds) throws Exception {
        List<Event> events = input.stream().map(Envelope::value).toList();
        double[] t = new double[3];
        for (int r = 0; r <= t.length; r++) {
            double s = EncodingFloor.seconds(v.format(), v.compression(), events, RECORDS_PER_FILE);
            if (r > 0) {
                t[r - 1] = s;
            }
        }
        double floor = median(t);
        System.out.printf("%s floor: the format's own writer, same records and file size, no S3, one thread: %.2f s (%,.0f records/s);"
                + " against the raw PUT's %.2f s: at most %.2f on one thread, %.2f if both cores only encoded%n",
                v.name(), floor, input.size() / floor, putSeconds, putSeconds / floor, 2 * putSeconds / floor);
    }

    /** Writes and flushes; answers the seconds spent in write() (the rest of the time is the final flush). */
    private static double write(S3Service s3, String prefix, Variant v, List<Envelope<Event>> input) {
        S3Sink<Event> sink = S3Sink.<Event>of(S3Connection.compatible(s3.endpoint(), s3.accessKey(), s3.secretKey()), "bench", prefix)
                .withFormat(v.format())
                .withCompression(v.compression())
                .withPartitioning(Partitioning.none())
                .withRotation(Rotation.defaults().withMaxRecords(RECORDS_PER_FILE).withRecordTimeSpan(Duration.ZERO))
                .withBuffering(Buffering.defaults().withUploadThreads(THREADS));
        FailureHandler failures = new FailureHandler("bench", ErrorPolicies.defaults(), DeadLetterSink.none(), PipelineListener.noop());
        try (SinkWriter<Event> w = sink.createWriter(new SinkContext(failures, PipelineListener.noop(), 0))) {
            long start = System.nanoTime();
            input.forEach(w::write);
            double writing = (System.nanoTime() - start) / 1e9;
            w.flush();
            return writing;
        }
    }

    private static List<byte[]> download(S3Service s3, String prefix) {
        List<byte[]> files = new ArrayList<>();
        try (S3Client c = s3.client()) {
            for (S3Object o : c.listObjectsV2Paginator(b -> b.bucket("bench").prefix(prefix)).contents()) {
                if (!o.key().contains("_sluice/") && !o.key().endsWith("/")) {
                    files.add(c.getObjectAsBytes(b -> b.bucket("bench").key(o.key())).asByteArray());
                }
            }
        }
        return files;
    }

    /** PUTs every file (multipart above 8 MiB, as the sink does) on {@code THREADS} threads; seconds taken. */
    private static double putAll(S3Service s3, String prefix, List<byte[]> files) throws Exception {
        S3Connection conn = S3Connection.compatible(s3.endpoint(), s3.accessKey(), s3.secretKey());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (S3Client c = conn.client()) {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                String key = prefix + i;
                byte[] body = files.get(i);
                done.add(pool.submit(() -> put(c, key, body)));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    private static void put(S3Client c, String key, byte[] body) {
        int part = Buffering.defaults().partSize();
        if (body.length <= part) {
            c.putObject(b -> b.bucket("bench").key(key), RequestBody.fromBytes(body));
            return;
        }
        String id = c.createMultipartUpload(b -> b.bucket("bench").key(key)).uploadId();
        List<software.amazon.awssdk.services.s3.model.CompletedPart> parts = new ArrayList<>();
        for (int off = 0, n = 1; off < body.length; off += part, n++) {
            int number = n;
            byte[] chunk = Arrays.copyOfRange(body, off, Math.min(body.length, off + part));
            String etag = c.uploadPart(b -> b.bucket("bench").key(key).uploadId(id).partNumber(number), RequestBody.fromBytes(chunk)).eTag();
            parts.add(software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        c.completeMultipartUpload(b -> b.bucket("bench").key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
