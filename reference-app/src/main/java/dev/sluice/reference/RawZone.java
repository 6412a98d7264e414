package dev.sluice.reference;

import dev.sluice.api.codec.Codec;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.s3.FileFormat;
import dev.sluice.stream.s3.Partitioning;
import dev.sluice.stream.s3.Rotation;
import dev.sluice.stream.s3.S3Sink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * The raw zone: a stream pipeline from the clean topic into Parquet files on the lake
 * ({@code s3://<bucket>/clicks/dt=.../hr=.../}), exactly once, by the S3 sink.
 */
final class RawZone implements AutoCloseable {

    static final String TABLE = "clicks";
    private static final String GROUP = "reference-raw-zone";

    private final AppKafkaClients kafka;
    private final MeterRegistry meters;
    private final StreamPipeline<EnrichedClick, EnrichedClick> pipeline;

    /** The value of a Hive-style partition directory in an object key: {@code hr} of {@code clicks/dt=2026-11-24/hr=07/f.parquet} is {@code 07}. */
    static String partitionValue(String key, String column) {
        int at = key.indexOf("/" + column + "=") + column.length() + 2;
        if (at < column.length() + 2) {
            throw new IllegalArgumentException("no " + column + "= directory in " + key);
        }
        return key.substring(at, key.indexOf('/', at));
    }

    /**
     * The raw zone's sink: Parquet under {@code clicks/dt=.../hr=...}, exactly once. Files close at
     * 50,000 records, after 2 s without clicks or at 15 s of age, so a stop has at most 15 s of
     * clicks to encode (the daily compaction merges the small files).
     */
    static S3Sink<EnrichedClick> sink(AppConfig.Lake lake) {
        return S3Sink.<EnrichedClick>of(lake.connection(), lake.bucket(), "")
                .withTable(TABLE)
                .withFormat(FileFormat.PARQUET)
                .withPartitioning(Partitioning.daily())
                .withRotation(Rotation.defaults().withMaxRecords(50_000).withIdleTimeout(Duration.ofSeconds(2)).withMaxAge(Duration.ofSeconds(15)))
                .withSchema(EnrichedClick.getClassSchema());
    }

    /**
     * {@link S3Sink#warmUp()} for the raw zone's files, for a run to call before its services start. The sink built for it
     * names no endpoint and opens no connection. A failure is only logged: the sink's writer tries again and reports it.
     */
    static void warmUp() {
        try {
            sink(new AppConfig.Lake(Demo.BUCKET, null, null, null, null)).warmUp();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(RawZone.class).debug("Parquet warm-up failed; the raw zone's writer tries again: {}", e.toString());
        }
    }

    /** Its meters are the caller's; the demo gives it a registry of its own so its counts never mix with the clean pipeline's. */
    RawZone(AppKafkaClients kafka, AppConfig.Lake lake, String topic, Codec<EnrichedClick> codec, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
        S3Sink<EnrichedClick> sink = sink(lake);
        KafkaSource<EnrichedClick> source = kafka.source(GROUP, codec, topic).withSchema(EnrichedClick.getClassSchema());
        this.pipeline = StreamPipeline.builder("raw-zone", source)
                .listener(new MicrometerPipelineListener(meters, "raw-zone"))
                .config(StreamConfig.defaults().withInstanceId("reference-raw-zone"))
                .to(sink);
    }

    void start() {
        pipeline.start();
    }

    boolean isHealthy() {
        return pipeline.isHealthy();
    }

    /** Files made durable so far. */
    long files() {
        return (long) meters.find("sluice.sink.files").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Records of the clean topic not yet committed by the raw zone, which commits only what is in S3. */
    long lag(String topic) throws Exception {
        return kafka.lag(GROUP, topic);
    }

    /** Stops the stage once it has read its topic's {@code records}: {@link AppKafkaClients#drainAndClose}. */
    boolean drainAndClose(String topic, long records, Duration timeout) throws Exception {
        return kafka.drainAndClose(GROUP, topic, meters, records, timeout, pipeline::isHealthy, this::close);
    }

    /** The raw zone's datasets and edge, for lineage. */
    PipelineGraph graph() {
        return pipeline.graph();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
