package dev.sluice.stream;

import dev.sluice.testkit.GroupProgress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pipeline runs as a child JVM and is killed with SIGKILL five times mid-run, restarted each
 * time: at-least-once loses nothing; exactly-once also duplicates nothing a read_committed reader sees.
 */
class KillNineIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    static final int RECORDS = 200_000;
    static final int KILLS = 5;

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void killedFiveTimesMidRun(Delivery delivery) throws Exception {
        String id = "kill-" + delivery.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        String in = id + "-in";
        String out = id + "-out";
        String dlq = id + "-dlq";
        KAFKA.get().createTopic(in, 6);
        KAFKA.get().createTopic(out, 6);
        KAFKA.get().createTopic(dlq, 1);
        Payments.Expected expected = Payments.produce(KAFKA.get(), in, RECORDS);
        String group = id + "-group";
        Path log = Files.createTempFile(id, ".log");

        int kills = 0;
        long lastLag = GroupProgress.lag(KAFKA.get(), group, in);
        while (kills < KILLS) {
            Process p = start(in, out, dlq, group, delivery, log);
            // Let it make some progress (commits move the lag), then kill it without warning.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (GroupProgress.lag(KAFKA.get(), group, in) >= lastLag - 10_000 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(p.isAlive()).as("child still running before kill %d; its log: %s", kills + 1, log).isTrue();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL: no shutdown hook, no flush, no commit
            kills++;
            lastLag = GroupProgress.lag(KAFKA.get(), group, in);
            assertThat(lastLag).as("killed mid-run, with input left (kill %d)", kills).isPositive();
        }

        Process last = start(in, out, dlq, group, delivery, log);
        assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, in, Duration.ofSeconds(120))).as("finished after restarts").isTrue();
        last.destroy();                                            // SIGTERM: graceful close
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<Long> ids = Payments.outputIds(KAFKA.get(), out, expected.goodIds().size(), Duration.ofSeconds(60));
        assertThat(Payments.missing(expected, ids)).as("good inputs missing from the output").isEmpty();
        assertThat(new HashSet<>(ids)).as("nothing but good inputs in the output").isEqualTo(expected.goodIds());
        if (delivery == Delivery.EXACTLY_ONCE) {
            assertThat(ids).as("exactly once under read_committed").hasSize(expected.goodIds().size());
        }
        assertThat(Topics.read(KAFKA.get(), dlq, expected.poison(), Duration.ofSeconds(30)).size())
                .as("every poison record dead-lettered (at least once)").isGreaterThanOrEqualTo(expected.poison());
        Files.deleteIfExists(log);
    }

    private static Process start(String in, String out, String dlq, String group, Delivery delivery, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), PipelineProcess.class.getName(),
                KAFKA.get().bootstrapServers(), in, out, dlq, group, delivery.name(), "payments-child")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        return p;
    }

}
