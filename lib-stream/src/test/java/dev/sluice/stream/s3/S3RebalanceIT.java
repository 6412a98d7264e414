package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Transform;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.ServiceExtension;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two S3 pipelines share a group: the second joins mid-run and the first leaves mid-run, so open
 * segments are dropped on revoke and rebuilt by the next owner. Every record is in the files once.
 */
class S3RebalanceIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    static final String BUCKET = "s3-rebalance-it";
    static final int RECORDS = 120_000;

    @Test
    void aMemberJoiningAndAnotherLeavingMidRunWriteEveryRecordOnce() throws Exception {
        String topic = "rebalance-" + UUID.randomUUID().toString().substring(0, 6);
        String group = topic + "-group";
        S3.get().createBucket(BUCKET);
        KAFKA.get().createTopic(topic, 4);
        ConfluentAvroCodec<GenericRecord> codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        Clicks.produce(KAFKA.get(), codec, topic, 4, 0, RECORDS, id -> false);

        try (StreamPipeline<GenericRecord, GenericRecord> a = pipeline(topic, group, codec);
             StreamPipeline<GenericRecord, GenericRecord> b = pipeline(topic, group, codec)) {
            a.start();
            awaitLagBelow(group, topic, RECORDS * 4 / 5);
            b.start();                                    // joins: partitions move mid-segment
            awaitLagBelow(group, topic, RECORDS * 2 / 5);
            assertThat(GroupProgress.lag(KAFKA.get(), group, topic)).as("a leaves with input still to do").isPositive();
            a.close();                                    // leaves: the rest moves to b
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(120))).isTrue();
            assertThat(b.isHealthy()).isTrue();
        }
        S3Files.assertEveryIdOnce(S3Files.rows(S3Files.read(S3.get(), BUCKET, topic + "/")), RECORDS);
    }

    private static StreamPipeline<GenericRecord, GenericRecord> pipeline(String topic, String group, ConfluentAvroCodec<GenericRecord> codec) {
        S3Sink<GenericRecord> sink = S3Sink.<GenericRecord>of(S3Files.connection(S3.get()), BUCKET, topic + "/")
                .withFormat(FileFormat.AVRO)
                .withPartitioning(Partitioning.byRecordTime("'dt='yyyy-MM-dd"))
                .withRotation(Rotation.defaults().withMaxRecords(5_000).withRecordTimeSpan(Duration.ZERO).withIdleTimeout(Duration.ofMillis(300)))
                .withBuffering(Buffering.defaults().withMaxBufferedBytes(1 << 20));
        return StreamPipeline.builder(topic, KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId(group).withTopics(topic)
                        .withProperty("max.poll.records", "1000"))
                .via(Transform.map(S3PipelineProcess::throttle))
                .config(StreamConfig.defaults().withCommitInterval(Duration.ofMillis(500)))
                .to(sink);
    }

    private static void awaitLagBelow(String group, String topic, long lag) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (GroupProgress.lag(KAFKA.get(), group, topic) > lag && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
