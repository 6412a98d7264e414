package dev.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Apicurio Registry in a child JVM, in-memory storage, on a loopback port. */
final class ApicurioProcess implements SchemaRegistryService {

    private static final Logger log = LoggerFactory.getLogger(ApicurioProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path logFile;
    private final String url;
    private final Thread reaper;

    private ApicurioProcess(Process process, Path logFile, String url) {
        this.process = process;
        this.logFile = logFile;
        this.url = url;
        // If the test JVM exits without closing us, do not leave a registry running.
        this.reaper = ChildProcesses.reaper(process, "sluice-registry-reaper");
    }

    static ApicurioProcess start() {
        Path jar = RegistryDistribution.runnerJar();
        int port = Ports.free();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Path logFile = Files.createTempFile("sluice-registry-", ".log");
            Process p = new ProcessBuilder(ChildProcesses.inOwnSession(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.log.level=WARN", "-Dquarkus.banner.enabled=false",
                    "-jar", jar.toString())))
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            ApicurioProcess registry = new ApicurioProcess(p, logFile, "http://127.0.0.1:" + port + "/apis/ccompat/v7");
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the schema registry from " + jar, e);
        }
    }

    private void awaitReady() {
        long t0 = System.nanoTime();
        long deadline = t0 + START_TIMEOUT.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/subjects")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("schema registry exited with " + process.exitValue() + " before it was ready; its log: " + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    log.info("Schema registry (Apicurio {}) ready at {} in {} ms", RegistryDistribution.VERSION, url, (System.nanoTime() - t0) / 1_000_000);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting the schema registry", e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("schema registry not ready after " + START_TIMEOUT + "; its log: " + tail());
    }

    private String tail() {
        return ChildProcesses.tail(logFile, 30);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        ChildProcesses.awaitOrKill(process, reaper);
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException ignored) {
            // a temp file; the OS cleans it
        }
    }
}
