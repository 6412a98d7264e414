package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.ChildProcesses;
import dev.sluice.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command as a user runs it with {@code --until-stopped}: {@code reference-app/run}, which
 * starts the app's JVM on what the build wrote to {@code target/run-classpath/}, ten events posted by
 * hand while it runs, then, once the raw zone has written its first files, Ctrl-C as a terminal
 * sends it: SIGINT to the run's whole process group (the run leads a session of its own, as a
 * shell's foreground job leads its group), so the child services would get it too unless they left
 * the group. It must end by itself with exit 0, the whole summary with every check "=", the
 * hand-posted events accounted for, no error logged and nothing left in its temporary directory.
 * How long the stop took is printed, not asserted (the house has no timing asserts).
 */
class DemoInterruptIT {

    /** A progress line once the raw zone has written files: {@code s3-files=} above 0. */
    private static final Pattern FIRST_FILES = Pattern.compile("s3-files=[1-9]");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void ctrlCEndsTheRunWithItsWholeSummaryAndExitZero(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        int port = Ports.free();
        assertThat(ignoresSigint()).as("this JVM ignores SIGINT, and the run it starts would too: a shell without job control "
                + "started the build in the background (run it in the foreground, or after set -m)").isFalse();
        List<String> command = command(dir, port);
        List<String> inSession = ChildProcesses.inOwnSession(command);
        boolean ownGroup = inSession.size() > command.size();
        ProcessBuilder run = new ProcessBuilder(inSession).redirectErrorStream(true);
        run.environment().putAll(environment(tmp));
        Process demo = run.start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread pump = ImageRole.pump(demo, log, "demo-output");
        try {
            awaitOutput(demo, log, Pattern.compile("generated="), Duration.ofMinutes(4)); // the pipeline runs and reports
            String events = IntStream.range(0, 10).mapToObj(DemoInterruptIT::event).collect(Collectors.joining("\n"));
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/clicks"))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(events)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(posted.body()).contains("\"accepted\":10");
            // Stopped once it runs end to end, as a user trying it would see it: the raw zone's first files are in the lake.
            // A stop in the first seconds competes with the JVMs' warm-up (JIT, class loading, the first backlog) and takes longer.
            awaitOutput(demo, log, FIRST_FILES, Duration.ofMinutes(2));

            long t0 = System.nanoTime();
            // The group (negative pid) where the run leads one; without setsid, the process alone.
            String target = ownGroup ? "-" + demo.pid() : Long.toString(demo.pid());
            assertThat(new ProcessBuilder("kill", "-INT", "--", target).start().waitFor()).isZero();
            assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("the run ends after Ctrl-C:\n" + text(log)).isTrue();
            double seconds = (System.nanoTime() - t0) / 1e9;
            pump.join(10_000);
            String out = text(log);
            System.out.print(out);
            System.out.printf("DemoInterruptIT: exit %d, %.1f s from SIGINT (to the %s) to exit%n", demo.exitValue(), seconds,
                    ownGroup ? "process group" : "process only: no setsid here");

            assertThat(demo.exitValue()).as(out).isZero();
            assertThat(out).contains("stopping (SIGINT)")
                    .containsPattern("posted by others +10 ")
                    .contains("accounted for       every event")
                    .containsPattern("raw zone \\(S3\\) +[0-9,]+ rows in [0-9]+ Parquet files \\(= clicks-clean")
                    .containsPattern("search index +[0-9,]+ documents in clicks-\\* \\(= clicks-clean\\)")
                    .containsPattern("pinot clicks +[0-9,]+ rows \\(= clicks-clean\\)")
                    .containsPattern("orders-cdc .*\\(= database\\)")
                    .containsPattern("orders-api .*\\(= database\\)")
                    .contains("daily batch         skipped")
                    .containsPattern("lineage +[0-9]+ datasets")
                    .doesNotContain("NO:")
                    .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} ERROR ")
                    .doesNotContain("Exception");
            try (var left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList()).as("left in the run's temporary directory").isEmpty();
            }
        } finally {
            demo.destroyForcibly();
        }
    }

    /** The run command as README gives it, {@code reference-app/run}, on what this build made, with this test's ingest port and directories. */
    private static List<String> command(Path dir, int port) {
        return List.of(Path.of("run").toAbsolutePath().toString(), "--no-build", "--until-stopped", "--port", Integer.toString(port),
                "--lake", dir.resolve("lake").toString(), "--lineage", dir.resolve("lineage.json").toString());
    }

    /** This test's JVM and temporary directory, and the services' homes as the build gives them to the tests (the registry's among them). */
    private static Map<String, String> environment(Path tmp) {
        StringBuilder options = new StringBuilder("-Djava.io.tmpdir=" + tmp);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("sluice.")).sorted()
                .forEach(k -> options.append(" -D").append(k).append('=').append(System.getProperty(k)));
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", options.toString());
    }

    /** Whether this process ignores SIGINT ({@code SigIgn} in {@code /proc/self/status}, bit 1 for signal 2); false where there is no such file. */
    private static boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16) & 2) != 0).orElse(false);
    }

    private static String event(int i) {
        return "{\"eventId\":\"by-hand-" + i + "\",\"userId\":\"u-42\",\"sessionId\":\"s-7\",\"url\":\"/products/42\",\"referrer\":null,"
                + "\"userAgent\":\"Mozilla/5.0 (iPhone) Mobile\",\"country\":\"DE\",\"durationMs\":5300,\"timestamp\":" + System.currentTimeMillis() + "}";
    }

    private static void awaitOutput(Process p, ByteArrayOutputStream log, Pattern text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text.matcher(text(log)).find()) {
            assertThat(p.isAlive()).as("the run is still going:\n" + text(log)).isTrue();
            assertThat(System.nanoTime()).as("\"" + text + "\" within " + timeout + ":\n" + text(log)).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String text(ByteArrayOutputStream log) {
        return log.toString(StandardCharsets.UTF_8); // its writes and reads are synchronized
    }
}
