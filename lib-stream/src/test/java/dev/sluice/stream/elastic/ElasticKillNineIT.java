package dev.sluice.stream.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.stream.s3.Clicks;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.ServiceExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The Elastic pipeline in a child JVM, killed with SIGKILL three times mid-run: the index still holds each record once. */
class ElasticKillNineIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();
    @RegisterExtension
    static final ServiceExtension<OpenSearchServer> OPENSEARCH = ServiceExtension.openSearch();

    static final int RECORDS = 200_000;

    @Test
    void killedMidRunAtLeastThreeTimesTheIndexHoldsEveryRecordExactlyOnce() throws Exception {
        String topic = ElasticSinkTests.unique("kill-elastic");
        String group = topic + "-group";
        KAFKA.get().createTopic(topic, 6);
        Clicks.produce(KAFKA.get(), Clicks.codec(REGISTRY.get(), topic + "-value"), topic, 6, 0, RECORDS, id -> false);
        Path log = Files.createTempFile(topic, ".log");

        long indexedPastCommit = 0;
        long lastLag = GroupProgress.lag(KAFKA.get(), group, topic);
        // At least three kills, and on until one caught documents indexed past the committed offsets (the case under
        // test; a kill between a commit and the next bulk catches none): at most eight, each leaving 3/4 of the lag.
        for (int kill = 1; kill <= 3 || (indexedPastCommit == 0 && kill <= 8); kill++) {
            Process p = start(topic, group, log);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long target = lastLag - lastLag / 4;
            while (GroupProgress.lag(KAFKA.get(), group, topic) > target && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("child still running before kill %d; its log: %s", kill, log).isTrue();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL: no flush, no commit, bulks cut off
            lastLag = GroupProgress.lag(KAFKA.get(), group, topic);
            assertThat(lastLag).as("killed mid-run (kill %d)", kill).isPositive();
            long committed = RECORDS - lastLag;
            indexedPastCommit = Math.max(indexedPastCommit, OPENSEARCH.get().count(topic) - committed);
        }
        LoggerFactory.getLogger(ElasticKillNineIT.class).info("at most {} documents were indexed past the committed offsets at a kill", indexedPastCommit);
        assertThat(indexedPastCommit).as("documents indexed past the committed offsets at a kill (the replay overwrote them)").isPositive();

        Process last = start(topic, group, log);
        assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(120))).as("finished after restarts; log " + log).isTrue();
        last.destroy();
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(OPENSEARCH.get().count(topic)).as("one document per record").isEqualTo(RECORDS);
        assertThat(Indices.search(OPENSEARCH.get(), topic, "{\"size\":0,\"aggs\":{\"max\":{\"max\":{\"field\":\"id\"}},\"min\":{\"min\":{\"field\":\"id\"}}}}")
                .path("aggregations").path("max").path("value").asLong()).isEqualTo(RECORDS - 1);
        Files.deleteIfExists(log);
    }

    private static Process start(String topic, String group, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), ElasticPipelineProcess.class.getName(),
                KAFKA.get().bootstrapServers(), REGISTRY.get().url(), topic, group, OPENSEARCH.get().url(), topic))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return p;
    }
}
