package dev.sluice.reference;

import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.batch.SqlOutput;
import dev.sluice.batch.SqlScript;
import dev.sluice.batch.SqlStream;
import dev.sluice.batch.StreamingSql;
import dev.sluice.batch.StreamingSqlRun;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.metrics.MicrometerPipelineListener;
import io.micrometer.core.instrument.MeterRegistry;
import dev.sluice.reference.model.EnrichedClick;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The streaming SQL stage: the statements of {@code infra/streaming-sql/clicks.sql} (packaged as
 * {@code streaming-sql/clicks.sql}) over the clean clicks, each query writing its topic, with its
 * checkpoint under the given directory ({@code s3a://<bucket>/checkpoints/streaming-sql} when
 * deployed; a local directory in the embedded default, whose file-backed S3 server answers no
 * "directory" an empty prefix has, which Spark's checkpoint writer looks for).
 */
final class ClickMinutes {

    static final String SCRIPT = "streaming-sql/clicks.sql";
    static final String TABLE = "clicks_per_minute";
    static final String TOPIC = "clicks-per-minute";
    static final List<String> TOPICS = List.of(TOPIC, "clicks-checkout");
    static final Duration LATENESS = Duration.ofMinutes(1);
    /** Where the deployed role keeps its checkpoints, in the lake's bucket. */
    static final String CHECKPOINTS = "checkpoints/streaming-sql";

    /** The windows of the per-minute table as its compacted topic holds them: how many, and their views. */
    record Totals(long windows, long views, long late) {}

    private final AppKafkaClients kafka;
    private final SchemaRegistryClient registry;
    private final StreamingSql job;

    ClickMinutes(AppKafkaClients kafka, SchemaRegistryClient registry, String checkpoints, MeterRegistry meters) {
        this.kafka = kafka;
        this.registry = registry;
        ConfluentAvroCodec<GenericRecord> clean = ConfluentAvroCodec.generic(registry, CleanClicks.CLEAN + "-value", EnrichedClick.getClassSchema());
        this.job = StreamingSql.of("streaming-sql", kafka.bootstrap(),
                List.of(SqlStream.of("clicks_clean", CleanClicks.CLEAN, clean, EnrichedClick.getClassSchema()).withEventTime("timestamp", LATENESS)),
                script(), (topic, schema) -> ConfluentAvroCodec.generic(registry, topic + "-value", schema),
                checkpoints, CleanClicks.DLQ).withListener(new MicrometerPipelineListener(meters, "streaming-sql"))
                .withKafkaSettings(kafka.clientSettings());
    }

    static SqlScript script() {
        try (InputStream in = ClickMinutes.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not on the classpath (it is packaged from infra/streaming-sql)");
            }
            return SqlScript.parse("clicks.sql", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCRIPT + ": " + e.getMessage(), e);
        }
    }

    /** Starts every query, each from its checkpoint, a micro-batch a second. */
    StreamingSqlRun start(SparkSession spark) throws Exception {
        return start(spark, Trigger.ProcessingTime("1 second"));
    }

    private StreamingSqlRun start(SparkSession spark, Trigger trigger) throws Exception {
        kafka.ensureTopics(TOPICS);
        return job.start(spark, trigger);
    }

    /** What the per-minute statement writes (its topic, record and key columns), checked against the streams; starts nothing. */
    SqlOutput table(SparkSession spark) {
        return job.plan(spark).stream().filter(o -> o.statement().equals(TABLE)).findFirst()
                .orElseThrow(() -> new IllegalStateException(SCRIPT + " has no statement " + TABLE));
    }

    /** The statements' lineage: a job per statement, from the clean topic to its topic. */
    PipelineGraph graph(SparkSession spark) {
        return job.graph(spark);
    }

    /** Runs the queries over what the clean topic holds now, then reads the per-minute table's latest value per key. */
    Totals drain(SparkSession spark) throws Exception {
        long late;
        try (StreamingSqlRun run = start(spark, Trigger.ProcessingTime(0L))) { // each batch as soon as the last one ends
            run.processAllAvailable();
            late = run.lateRows(TABLE);
        }
        return compacted(kafka, registry, late);
    }

    /** The per-minute topic as it holds now, read compacted (the latest value per key): its windows and keys, and their views. */
    static Totals compacted(AppKafkaClients kafka, SchemaRegistryClient registry, long late) throws Exception {
        Map<String, Long> views = new HashMap<>();
        ConfluentAvroCodec<GenericRecord> codec = ConfluentAvroCodec.generic(registry, TOPIC + "-value", null);
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(TOPIC)) {
            views.put(new String(r.key(), StandardCharsets.UTF_8), (Long) codec.decode(r.value()).get("views"));
        }
        return new Totals(views.size(), views.values().stream().mapToLong(Long::longValue).sum(), late);
    }
}
