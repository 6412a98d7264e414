package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.Event;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PostgresService;
import dev.sluice.embedded.S3Service;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.s3.Compression;
import dev.sluice.stream.s3.FileFormat;
import dev.sluice.stream.s3.Partitioning;
import dev.sluice.stream.s3.Rotation;
import dev.sluice.stream.s3.S3Connection;
import dev.sluice.stream.s3.S3Sink;
import dev.sluice.testkit.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * End to end from one Kafka topic to snappy Parquet on the same S3 server: Sluice's StreamPipeline
 * with its S3 sink beside Kafka Connect with Apache Iceberg's sink ({@link ConnectIcebergPeer}),
 * each one worker/task over the same 4 partitions, alternating, after a warm-up run of each.
 *
 * <p>Sluice is timed from the pipeline's start until its group's committed offsets reach the
 * topic's end (the sink commits offsets only for records in files already durable on S3); Connect
 * from the connector's creation until the table's snapshot counts every record. Both commit every
 * second, and Sluice's files also close after a second without records, as Iceberg's close at each
 * commit. After each run its output is counted, Sluice's from the Parquet files' footers,
 * Iceberg's from its snapshot and data files, and must equal the input.
 */
final class S3SinkVsConnect {

    private static final int PARTITIONS = 4;
    private static final String TOPIC = "s3-vs-connect";

    private S3SinkVsConnect() {}

    static void run(S3Service s3, long records, int rounds) throws Exception {
        System.out.printf("s3-sink-vs-connect: %,d events from a %d-partition topic to snappy Parquet on the S3 server, one worker/task each,"
                + " median of %d round(s) after a warm-up%n", records, PARTITIONS, rounds);
        FixedRegistry registry = new FixedRegistry();
        try (KafkaService kafka = Services.kafka(); PostgresService pg = Services.postgres()) {
            kafka.createTopic(TOPIC, PARTITIONS);
            StreamVsPeers.produce(kafka.bootstrapServers(), TOPIC, records, Events.codec(registry));
            ConnectIcebergPeer.Lake lake = new ConnectIcebergPeer.Lake(s3.endpoint(), s3.accessKey(), s3.secretKey(), "bench",
                    pg.jdbcUrl(), pg.username(), pg.password());
            try (ConnectIcebergPeer connect = ConnectIcebergPeer.start(kafka.bootstrapServers(), registry, lake, 1)) {
                List<Double> sluice = new ArrayList<>();
                List<Double> peer = new ArrayList<>();
                for (int r = 0; r <= rounds; r++) {
                    double s = sluice(kafka, s3, registry, records, "sluice_" + r);
                    ConnectIcebergPeer.Result c = connect.run(TOPIC, records, "connect_" + r);
                    System.out.printf("  %s sluice %,10.0f records/s (%.2f s)   connect+iceberg %,10.0f records/s (%.2f s, %d data files,"
                            + " %d snapshots, %.1f MB)%n", r == 0 ? "warm-up" : "round " + r, records / s, s, records / c.seconds(),
                            c.seconds(), c.dataFiles(), c.snapshots(), c.bytes() / 1e6);
                    if (r > 0) {
                        sluice.add(records / s);
                        peer.add(records / c.seconds());
                    }
                }
                Results.print("s3-sink-vs-connect", Results.median(sluice), Results.median(peer));
            }
        }
    }

    /** One Sluice run into {@code prefix}: the seconds until every record is committed, after checking the files hold them all. */
    private static double sluice(KafkaService kafka, S3Service s3, FixedRegistry registry, long records, String name) throws Exception {
        S3Sink<Event> sink = S3Sink.<Event>of(S3Connection.compatible(s3.endpoint(), s3.accessKey(), s3.secretKey()), "bench", name + "/")
                .withFormat(FileFormat.PARQUET)
                .withCompression(Compression.SNAPPY)
                .withPartitioning(Partitioning.none())
                .withRotation(Rotation.defaults().withMaxRecords(100_000).withRecordTimeSpan(Duration.ZERO).withIdleTimeout(Duration.ofSeconds(1)))
                .withSchema(Event.getClassSchema());
        KafkaSource<Event> source = KafkaSource.of(Events.codec(registry)).withBootstrapServers(kafka.bootstrapServers()).withGroupId(name)
                .withTopics(TOPIC).withSchema(Event.getClassSchema());
        double seconds;
        try (Admin admin = kafka.admin()) {
            long start = System.nanoTime();
            StreamPipeline<Event, Event> pipeline = StreamPipeline.builder(name, source)
                    .config(StreamConfig.defaults().withInstanceId(name)).to(sink);
            pipeline.start();
            try {
                long deadline = start + TimeUnit.MINUTES.toNanos(3);
                while (OffsetTotals.committedBy(admin, name) < records) {
                    if (System.nanoTime() > deadline || !pipeline.isRunning()) {
                        throw new IllegalStateException(name + ": " + OffsetTotals.committedBy(admin, name) + " of " + records + " records committed"
                                + (pipeline.isRunning() ? " after 3 minutes" : " when the pipeline stopped"));
                    }
                    Thread.sleep(50);
                }
                seconds = (System.nanoTime() - start) / 1e9;
            } finally {
                pipeline.close();
            }
        }
        long written = parquetRecords(s3, name + "/");
        if (written != records) {
            throw new IllegalStateException(name + " wrote " + written + " records to its Parquet files, expected " + records);
        }
        return seconds;
    }


    /** The records in the Parquet files under {@code prefix}, from their footers. */
    private static long parquetRecords(S3Service s3, String prefix) throws Exception {
        Path local = Files.createTempFile("bench", ".parquet");
        long total = 0;
        try (S3Client c = s3.client()) {
            List<String> keys = new ArrayList<>();
            c.listObjectsV2Paginator(b -> b.bucket("bench").prefix(prefix)).contents().stream().map(S3Object::key)
                    .filter(k -> k.endsWith(".parquet")).forEach(keys::add);
            for (String key : keys) {
                Files.write(local, c.getObjectAsBytes(b -> b.bucket("bench").key(key)).asByteArray());
                try (ParquetFileReader f = ParquetFileReader.open(new LocalInputFile(local))) {
                    total += f.getRecordCount();
                }
            }
        } finally {
            Files.deleteIfExists(local);
        }
        return total;
    }
}
