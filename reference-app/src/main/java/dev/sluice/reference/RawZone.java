package dev.sluice.reference;

import dev.sluice.core.kafka.KafkaSource;
import dev.sluice.core.metrics.MicrometerPipelineListener;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.s3.FileFormat;
import dev.sluice.stream.s3.Partitioning;
import dev.sluice.stream.s3.Rotation;
import dev.sluice.stream.s3.S3Connection;
import dev.sluice.stream.s3.S3Sink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * The raw zone: a stream pipeline from the clean topic into Parquet files on the embedded S3
 * ({@code s3://lake/clicks/dt=.../hr=.../}), exactly once, by the S3 sink.
 */
final class RawZone implements AutoCloseable {

    static final String BUCKET = "lake";
    static final String TABLE = "clicks";
    private static final String GROUP = "reference-raw-zone";

    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final MeterRegistry meters;
    private final StreamPipeline<EnrichedClick, EnrichedClick> pipeline;

    /** Its meters are its own, apart from the main pipeline's, so the two never mix in the counts. */
    RawZone(EmbeddedKafka kafka, EmbeddedS3 s3, String topic, dev.sluice.core.codec.Codec<EnrichedClick> codec) {
        this.kafka = kafka;
        this.s3 = s3;
        this.meters = new SimpleMeterRegistry();
        S3Sink<EnrichedClick> sink = S3Sink.<EnrichedClick>of(
                        S3Connection.compatible(s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY), BUCKET, "")
                .withTable(TABLE)
                .withFormat(FileFormat.PARQUET)
                .withPartitioning(Partitioning.daily())
                .withRotation(Rotation.defaults().withMaxRecords(50_000).withIdleTimeout(Duration.ofSeconds(2)))
                .withSchema(EnrichedClick.getClassSchema());
        KafkaSource<EnrichedClick> source = KafkaSource.of(kafka.bootstrapServers(), GROUP, codec, topic)
                .withSchema(EnrichedClick.getClassSchema());
        this.pipeline = StreamPipeline.builder("raw-zone", source)
                .listener(new MicrometerPipelineListener(meters, "raw-zone"))
                .config(StreamConfig.defaults().withInstanceId("reference-raw-zone"))
                .to(sink);
    }

    void start() {
        pipeline.start();
    }

    /** Files made durable so far. */
    long files() {
        return (long) meters.find("sluice.sink.files").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Records of the clean topic not yet committed by the raw zone, which commits only what is in S3. */
    long lag(String topic) throws Exception {
        long committed;
        try (Admin admin = kafka.admin()) {
            committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        }
        return kafka.endOffsets(topic) - committed;
    }

    /** Waits until every clean record is in S3 and committed; false on timeout. */
    boolean awaitCaughtUp(String topic, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lag(topic) > 0) {
            if (System.nanoTime() > deadline || !pipeline.isHealthy()) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** The Parquet files of the table and their rows, read from the store's directory with Parquet's own reader. */
    record Contents(long files, long rows) {}

    /** Where the embedded S3 server keeps the table's objects: {@code <directory>/lake/clicks}. */
    Path directory() {
        return s3.directory().resolve(BUCKET).resolve(TABLE);
    }

    Contents contents() throws IOException {
        Path table = directory();
        long files = 0;
        long rows = 0;
        if (!Files.isDirectory(table)) {
            return new Contents(0, 0);
        }
        try (Stream<Path> all = Files.walk(table)) {
            for (Path f : all.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
                    rows += r.getRecordCount();
                    files++;
                }
            }
        }
        return new Contents(files, rows);
    }

    /** The raw zone's datasets and edge, for lineage. */
    dev.sluice.core.graph.PipelineGraph graph() {
        return pipeline.graph();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
