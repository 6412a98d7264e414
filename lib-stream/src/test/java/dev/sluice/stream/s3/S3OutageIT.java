package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.codec.ConfluentAvroCodec;
import dev.sluice.core.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.KafkaService;
import dev.sluice.testkit.Ports;
import dev.sluice.testkit.S3Service;
import dev.sluice.testkit.SchemaRegistryService;
import dev.sluice.testkit.ServiceExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 server goes away for 30 seconds while the pipeline runs: uploads retry, nothing is lost or doubled. */
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
        StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder(topic, KafkaSource.of(KAFKA.get().bootstrapServers(), group, codec, topic))
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
}
