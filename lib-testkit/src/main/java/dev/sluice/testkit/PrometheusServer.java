package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.embedded.ChildProcesses;
import dev.sluice.embedded.Ports;
import dev.sluice.embedded.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, {@code /usr/bin/prometheus}, or
 * {@code -Dsluice.prometheus.binary}) scraping the given targets every second and evaluating the
 * given rule files every second, its data in a temporary directory removed on close. For tests
 * that show an alert firing on an induced fault, and a dashboard's queries finding the series an
 * app really exposes.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An alert as {@code /api/v1/alerts} lists it. */
    public record Alert(String name, String state, Map<String, String> labels) {}

    private final Path work;
    private final int port;
    private final Process process;
    private final Thread reaper;

    private PrometheusServer(Path work, int port, Process process, Thread reaper) {
        this.work = work;
        this.port = port;
        this.process = process;
        this.reaper = reaper;
    }

    /**
     * Starts a server that scrapes {@code targets} ({@code host:port}, path {@code /metrics}) as job
     * {@code job} and evaluates {@code ruleFiles}; returns once it is ready.
     */
    public static PrometheusServer start(String job, List<String> targets, List<Path> ruleFiles) {
        String binary = System.getProperty("sluice.prometheus.binary", "/usr/bin/prometheus");
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException("no Prometheus at " + binary + ": install Debian's prometheus package (.ci/run does)"
                    + " or name the binary with -Dsluice.prometheus.binary");
        }
        try {
            Path work = Files.createTempDirectory("sluice-prometheus-");
            Path config = work.resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                    + "rule_files:\n" + ruleFiles.stream().map(f -> "  - " + f.toAbsolutePath() + "\n").collect(Collectors.joining())
                    + "scrape_configs:\n  - job_name: " + job + "\n    static_configs:\n      - targets: ["
                    + String.join(", ", targets) + "]\n");
            int port = Ports.free();
            Process p = new ProcessBuilder(binary, "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
            PrometheusServer server = new PrometheusServer(work, port, p, ChildProcesses.reaper(p, "prometheus-reaper"));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Prometheus", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The series an instant query answers (empty when none match); fails with Prometheus's error for a bad query. */
    public List<JsonNode> query(String promql) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalArgumentException("Prometheus refused " + promql + ": " + answer.path("error").asText());
        }
        return toList(answer.at("/data/result"));
    }

    /** Every alert that is pending or firing now. */
    public List<Alert> alerts() {
        return toList(get("/api/v1/alerts").at("/data/alerts")).stream().map(a -> {
            Map<String, String> labels = new TreeMap<>();
            a.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            return new Alert(labels.get("alertname"), a.path("state").asText(), labels);
        }).toList();
    }

    /** The health of each scrape target, by its address ({@code up}, {@code down}, {@code unknown}). */
    public Map<String, String> targets() {
        Map<String, String> health = new TreeMap<>();
        for (JsonNode t : toList(get("/api/v1/targets").at("/data/activeTargets"))) {
            health.put(t.at("/labels/instance").asText(), t.path("health").asText());
        }
        return health;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Prometheus stops cleanly
        ChildProcesses.awaitOrKill(process, reaper);
        TempDirs.delete(work);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": "
                        + ChildProcesses.tail(work.resolve("prometheus.log"), 20));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("Prometheus was not ready within 60 s: " + ChildProcesses.tail(work.resolve("prometheus.log"), 20));
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
