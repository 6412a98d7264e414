package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.ThrottledLink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Uploads that take longer than a commit interval, under continuous load: every partition's
 * committed offset reaches each segment's end soon after the segment is in S3, not only once the
 * load pauses. The sink reaches the S3 server through a {@link ThrottledLink}; the test watches the
 * server directly.
 */
class S3CommitProgressIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    static final String BUCKET = "s3-commit-it";
    static final int PARTITIONS = 3;
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** What a commit after a segment became durable may take beyond the interval: this test's own polling and admin calls. */
    static final Duration OBSERVATION_SLACK = Duration.ofMillis(1500);

    /** A durable segment the test saw, waiting for its partition's commit to reach its end. */
    private record Seen(TopicPartition partition, long end, long seenNanos) {}

    @Test
    void withUploadsSlowerThanTheCommitIntervalEveryDurableSegmentIsCommittedWithinAnInterval() throws Exception {
        String topic = "commit-" + UUID.randomUUID().toString().substring(0, 6);
        String group = topic + "-group";
        String prefix = topic + "/";
        S3.get().createBucket(BUCKET);
        KAFKA.get().createTopic(topic, PARTITIONS);
        ConfluentAvroCodec<GenericRecord> codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        List<Long> delays = new ArrayList<>();
        List<String> neverCommitted = new ArrayList<>();
        long produced;
        try (ThrottledLink slow = ThrottledLink.to(S3.get().endpoint(), 48 * 1024);
             S3Client direct = S3.get().client()) {
            S3Sink<GenericRecord> sink = S3Sink.<GenericRecord>of(S3Connection.compatible(slow.uri(), S3.get().accessKey(), S3.get().secretKey()),
                            BUCKET, prefix)
                    .withFormat(FileFormat.AVRO).withPartitioning(Partitioning.none())
                    .withRotation(Rotation.defaults().withMaxRecords(3_000).withRecordTimeSpan(Duration.ZERO)
                            .withIdleTimeout(Duration.ofSeconds(30)).withMaxAge(Duration.ZERO));
            StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder(topic, KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId(group).withTopics(topic))
                    .config(StreamConfig.defaults().withCommitInterval(COMMIT_INTERVAL)).to(sink);
            p.start();
            try (SteadyLoad load = SteadyLoad.start(KAFKA.get(), codec, topic, PARTITIONS, 2_400)) {
                Map<String, Seen> waiting = new HashMap<>();
                Set<String> looked = new HashSet<>();
                long end = System.nanoTime() + Duration.ofSeconds(24).toNanos();
                while (System.nanoTime() < end) {
                    watch(direct, prefix, topic, looked, waiting);
                    Map<TopicPartition, Long> committed = GroupProgress.committed(KAFKA.get(), group);
                    long now = System.nanoTime();
                    waiting.values().removeIf(s -> {
                        if (committed.getOrDefault(s.partition(), 0L) > s.end()) {
                            delays.add((now - s.seenNanos()) / 1_000_000);
                            return true;
                        }
                        return false;
                    });
                    Thread.sleep(100);
                }
                long now = System.nanoTime();
                waiting.forEach((key, s) -> {
                    if (now - s.seenNanos() > COMMIT_INTERVAL.plus(OBSERVATION_SLACK).toNanos()) {
                        neverCommitted.add(key + " (durable " + (now - s.seenNanos()) / 1_000_000 + " ms, end " + s.end() + ")");
                    }
                });
                produced = load.stop();
            }
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(90))).as("caught up after the load").isTrue();
            p.close();
        }
        assertThat(delays).as("segments observed durable, then committed (about 5 a partition)").hasSizeGreaterThanOrEqualTo(2 * PARTITIONS);
        assertThat(delays).as("ms from a segment in S3 to its end committed").allMatch(d -> d <= COMMIT_INTERVAL.plus(OBSERVATION_SLACK).toMillis());
        S3Files.assertEveryIdOnce(S3Files.rows(S3Files.read(S3.get(), BUCKET, prefix)), Math.toIntExact(produced));
    }

    /** Adds the data files that appeared since the last look, each with its segment's recorded end. */
    private static void watch(S3Client s3, String prefix, String topic, Set<String> looked, Map<String, Seen> waiting) {
        for (String key : S3Files.keys(S3.get(), BUCKET, prefix + topic + "/")) {
            if (!looked.add(key)) {
                continue;
            }
            String[] parts = key.substring(key.lastIndexOf('/') + 1, key.lastIndexOf('.')).split("\\+");
            int partition = Integer.parseInt(parts[1]);
            String intent = prefix + "_sluice/intents/" + topic + "/" + partition + "/" + parts[2];
            try {
                String body = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(intent)).asString(StandardCharsets.UTF_8).trim();
                waiting.put(key, new Seen(new TopicPartition(topic, partition), Long.parseLong(body.substring("end=".length())), System.nanoTime()));
            } catch (NoSuchKeyException e) {
                // already committed and its record deleted before this look: nothing to wait for
            }
        }
    }
}
