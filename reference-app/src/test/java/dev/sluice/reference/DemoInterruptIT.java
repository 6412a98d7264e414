package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command as a user runs it with {@code --until-stopped}: its own JVM on the run command's
 * classpath (what the build writes to {@code target/run-classpath/}), ten events posted by hand
 * while it runs, then Ctrl-C (SIGINT to the process). It must end by itself with exit 0, the whole
 * summary with every check "=", the hand-posted events accounted for, no error logged and nothing
 * left in its temporary directory. How long the stop took is printed, not asserted.
 */
class DemoInterruptIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void ctrlCEndsTheRunWithItsWholeSummaryAndExitZero(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        int port = Ports.free();
        Process demo = start(dir, tmp, port);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread pump = ImageRole.pump(demo, log, "demo-output");
        try {
            awaitOutput(demo, log, "generated=", Duration.ofMinutes(4)); // the pipeline runs and reports
            String events = IntStream.range(0, 10).mapToObj(DemoInterruptIT::event).collect(Collectors.joining("\n"));
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/clicks"))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(events)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(posted.body()).contains("\"accepted\":10");

            long t0 = System.nanoTime();
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor()).isZero();
            assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("the run ends after Ctrl-C:\n" + text(log)).isTrue();
            double seconds = (System.nanoTime() - t0) / 1e9;
            pump.join(10_000);
            String out = text(log);
            System.out.print(out);
            System.out.printf("DemoInterruptIT: exit %d, %.1f s from SIGINT to exit%n", demo.exitValue(), seconds);

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

    /** The run command: the demo profile's JVM and classpath, with this test's temporary directory and ingest port. */
    private static Process start(Path dir, Path tmp, int port) throws IOException {
        Path classpath = Path.of("target", "run-classpath");
        String cp = String.join(java.io.File.pathSeparator, Path.of("target", "classes").toString(),
                Files.readString(classpath.resolve("app.txt")).trim(), Files.readString(classpath.resolve("embedded.txt")).trim());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Djava.io.tmpdir=" + tmp));
        // The services' homes, as the build gives them to the tests (Pinot's, Trino's and OpenSearch's runtimes, the registry).
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("sluice.")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-cp", cp, "dev.sluice.reference.ReferenceApp", "--until-stopped", "--port", Integer.toString(port),
                "--lake", dir.resolve("lake").toString(), "--lineage", dir.resolve("lineage.json").toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String event(int i) {
        return "{\"eventId\":\"by-hand-" + i + "\",\"userId\":\"u-42\",\"sessionId\":\"s-7\",\"url\":\"/products/42\",\"referrer\":null,"
                + "\"userAgent\":\"Mozilla/5.0 (iPhone) Mobile\",\"country\":\"DE\",\"durationMs\":5300,\"timestamp\":" + System.currentTimeMillis() + "}";
    }

    private static void awaitOutput(Process p, ByteArrayOutputStream log, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text(log).contains(text)) {
            assertThat(p.isAlive()).as("the run is still going:\n" + text(log)).isTrue();
            assertThat(System.nanoTime()).as("\"" + text + "\" within " + timeout + ":\n" + text(log)).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String text(ByteArrayOutputStream log) {
        return log.toString(StandardCharsets.UTF_8); // its writes and reads are synchronized
    }
}
