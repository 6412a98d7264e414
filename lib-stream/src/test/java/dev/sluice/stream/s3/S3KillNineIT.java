package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.ServiceExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Kafka-to-S3 pipeline in a child JVM is killed with SIGKILL while it uploads, and restarted:
 * every record is in the files exactly once, though files had been written past the last commit
 * when it died; under steady load the maximum segment age bounds what a kill leaves to replay.
 */
class S3KillNineIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    static final int RECORDS = 200_000;
    static final String BUCKET = "s3-kill-it";

    @Test
    void killedMidUploadThreeTimesWritesEveryRecordOnce() throws Exception {
        String topic = "kill-s3-" + UUID.randomUUID().toString().substring(0, 6);
        String group = topic + "-group";
        String prefix = topic + "/";
        S3.get().createBucket(BUCKET);
        KAFKA.get().createTopic(topic, 4);
        Clicks.produce(KAFKA.get(), Clicks.codec(REGISTRY.get(), topic + "-value"), topic, 4, 0, RECORDS, id -> id % 3 == 0);
        Path log = Files.createTempFile(topic, ".log");

        int filesPastCommit = 0;
        long lastLag = GroupProgress.lag(KAFKA.get(), group, topic);
        for (int kill = 1; kill <= 3; kill++) {
            Process p = start(topic, group, prefix, log);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long target = lastLag - lastLag / 4;
            while (GroupProgress.lag(KAFKA.get(), group, topic) > target && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("child still running before kill %d; its log: %s", kill, log).isTrue();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL: no flush, no commit, uploads cut off
            lastLag = GroupProgress.lag(KAFKA.get(), group, topic);
            assertThat(lastLag).as("killed mid-run (kill %d)", kill).isPositive();
            filesPastCommit += filesPastCommit(group, prefix);
        }
        assertThat(filesPastCommit).as("files in S3 past the committed offsets at the kills (the replay overwrote them)").isPositive();

        Process last = start(topic, group, prefix, log);
        assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(120))).as("finished after restarts; log " + log).isTrue();
        last.destroy();
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();

        S3Files.assertEveryIdOnce(S3Files.rows(S3Files.read(S3.get(), BUCKET, prefix)), RECORDS);
        Files.deleteIfExists(log);
    }

    /**
     * Under steady load with segments that never fill (a million records, 30 s idle), only the
     * maximum age closes them. Killed with SIGKILL, the pipeline left uncommitted at most what the
     * topic received in the age plus one poll: that is all a restart can read again. The files are
     * still exactly once.
     */
    @Test
    void aKillUnderSteadyLoadLeavesAtMostTheMaximumSegmentAgeToReplay() throws Exception {
        String topic = "age-s3-" + UUID.randomUUID().toString().substring(0, 6);
        String group = topic + "-group";
        String prefix = topic + "/";
        int partitions = 4;
        int perSecond = 2_000;
        Duration maxAge = Duration.ofSeconds(3);
        String rotation = "1000000,30000," + maxAge.toMillis();
        S3.get().createBucket(BUCKET);
        KAFKA.get().createTopic(topic, partitions);
        var codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        Path log = Files.createTempFile(topic, ".log");
        long produced;
        long uncommittedAtKill;
        try (SteadyLoad load = SteadyLoad.start(KAFKA.get(), codec, topic, partitions, perSecond)) {
            Process p = start(topic, group, prefix, log, rotation);
            Thread.sleep(20_000);   // without the age, 10,000 records a partition would be open now
            assertThat(p.isAlive()).as("child running before the kill; its log: %s", log).isTrue();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            uncommittedAtKill = GroupProgress.lag(KAFKA.get(), group, topic);
            // Restarted while the load goes on for three more seconds, as a crashed pod comes back under traffic.
            Process again = start(topic, group, prefix, log, rotation);
            Thread.sleep(3_000);
            produced = load.stop();
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(120))).as("caught up; log " + log).isTrue();
            again.destroy();
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        // The figure: rate x age + one poll (max.poll.records 2,000). The sink's documented bound adds a
        // commit interval and the last segment's upload (see Rotation); here those stay inside this one's margin.
        long bound = perSecond * maxAge.toSeconds() + 2_000;
        assertThat(uncommittedAtKill).as("records not committed at the kill (what the restart reads again, at most)")
                .isPositive().isLessThanOrEqualTo(bound);
        S3Files.assertEveryIdOnce(S3Files.rows(S3Files.read(S3.get(), BUCKET, prefix)), Math.toIntExact(produced));
        Files.deleteIfExists(log);
    }

    /** Data files whose first offset is at or past their partition's committed offset. */
    private static int filesPastCommit(String group, String prefix) {
        Map<TopicPartition, Long> committed = GroupProgress.committed(KAFKA.get(), group);
        int past = 0;
        for (String key : S3Files.keys(S3.get(), BUCKET, prefix)) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            if (key.contains("_sluice") || !name.contains("+")) {
                continue;
            }
            String[] parts = name.substring(0, name.indexOf('.')).split("\\+");
            long c = committed.getOrDefault(new TopicPartition(parts[0], Integer.parseInt(parts[1])), 0L);
            if (Long.parseLong(parts[2]) >= c) {
                past++;
            }
        }
        return past;
    }

    private static Process start(String topic, String group, String prefix, Path log, String... rotation) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        S3Service s3 = S3.get();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                S3PipelineProcess.class.getName(), KAFKA.get().bootstrapServers(), REGISTRY.get().url(), topic, group,
                s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), BUCKET, prefix));
        command.addAll(List.of(rotation));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return p;
    }
}
