package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.RetainingSinkWriter;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.source.SourcePartition;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.Ports;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.ServiceExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 server goes away while the pipeline runs: uploads retry, nothing is lost or doubled, and no bookkeeping is left behind. */
class S3OutageIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    static final String BUCKET = "s3-outage-it";

    @Test
    void anS3OutageOfThirtySecondsLosesAndDoublesNothing() throws Exception {
        Path dir = Files.createTempDirectory("s3-outage");
        int port = Ports.free();
        S3Service s3 = S3Service.startOnDirectory(dir, port);
        String topic = "outage-" + UUID.randomUUID().toString().substring(0, 6);
        String group = topic + "-group";
        KAFKA.get().createTopic(topic, 3);
        ConfluentAvroCodec<GenericRecord> codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        s3.createBucket(BUCKET);
        S3Sink<GenericRecord> sink = S3Sink.<GenericRecord>of(S3Files.connection(s3), BUCKET, "")
                .withTable(topic)
                .withRotation(Rotation.defaults().withMaxRecords(5_000).withRecordTimeSpan(Duration.ZERO).withIdleTimeout(Duration.ofSeconds(1)))
                .withBuffering(Buffering.defaults().withRetryFor(Duration.ofMinutes(2)));
        StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder(topic, KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId(group).withTopics(topic))
                .config(StreamConfig.defaults()).to(sink);
        p.start();
        try {
            Clicks.produce(KAFKA.get(), codec, topic, 3, 0, 30_000, id -> false);
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(60))).as("first part committed").isTrue();

            s3.close();                                              // the outage begins
            Clicks.produce(KAFKA.get(), codec, topic, 3, 30_000, 60_000, id -> false);
            Thread.sleep(30_000);
            assertThat(GroupProgress.lag(KAFKA.get(), group, topic)).as("nothing committed while S3 is down").isEqualTo(30_000);
            assertThat(p.isHealthy()).as("still running, retrying").isTrue();
            s3 = S3Service.startOnDirectory(dir, port);              // and ends

            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(120))).as("all committed after the outage").isTrue();
        } finally {
            p.close();
        }
        try {
            S3Files.assertEveryIdOnce(S3Files.rows(S3Files.read(s3, BUCKET, topic + "/")), 60_000);
        } finally {
            s3.close();
        }
    }

    /** The segment records under {@code prefix} (a filesystem-backed server also lists its directories). */
    private static List<String> intents(S3Service s3, String prefix) {
        return S3Files.keys(s3, BUCKET, prefix).stream().filter(k -> !k.endsWith("/")).toList();
    }

    /**
     * Segments committed while S3 is down leave their records under {@code _sluice/intents/}: the
     * delete fails. Once S3 is back the writer's next checkpoints delete them, while the partition
     * stays assigned (no restart, no rebalance).
     */
    @Test
    void theRecordsOfSegmentsCommittedDuringAnOutageGoOnceS3IsBackWithoutARestart() throws Exception {
        Path dir = Files.createTempDirectory("s3-forget");
        int port = Ports.free();
        S3Service s3 = S3Service.startOnDirectory(dir, port);
        String prefix = "forget-" + UUID.randomUUID().toString().substring(0, 6) + "/";
        String intents = prefix + "_sluice/intents/";
        SourcePartition tp = new SourcePartition("forget", 0);
        s3.createBucket(BUCKET);
        S3Sink<GenericRecord> sink = S3Sink.<GenericRecord>of(S3Files.connection(s3), BUCKET, prefix)
                .withFormat(FileFormat.AVRO).withPartitioning(Partitioning.none())
                .withRotation(Rotation.defaults().withMaxRecords(100).withRecordTimeSpan(Duration.ZERO));
        var failures = new FailureHandler("forget", ErrorPolicies.defaults(), DeadLetterSink.none(), PipelineListener.noop());
        try (var writer = (RetainingSinkWriter<GenericRecord>) sink.createWriter(new SinkContext(failures, PipelineListener.noop(), 0))) {
            for (int i = 0; i < 300; i++) {
                writer.write(Envelope.of(Clicks.click(i, false), null, EnvelopeHeaders.empty(), new Position.Kafka(tp.topic(), 0, i), Instant.EPOCH, null));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!writer.checkpoint().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(writer.checkpoint()).as("three segments of 100 durable").isEmpty();
            assertThat(intents(s3, intents)).as("their records").hasSize(3);

            s3.close();                                              // the outage begins
            writer.committed(Map.of(tp, 300L));                      // the runtime committed them: the delete is tried now
            Thread.sleep(5_000);                                     // and fails, retries included
            s3 = S3Service.startOnDirectory(dir, port);              // the outage ends
            assertThat(intents(s3, intents)).as("the delete failed during the outage").hasSize(3);

            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!intents(s3, intents).isEmpty() && System.nanoTime() < deadline) {
                writer.checkpoint();                                 // what the runtime calls at every commit
                Thread.sleep(200);
            }
            assertThat(intents(s3, intents)).as("records of committed segments after the outage").isEmpty();
            assertThat(S3Files.rows(S3Files.read(s3, BUCKET, prefix))).hasSize(300);
        } finally {
            s3.close();
        }
    }
}
