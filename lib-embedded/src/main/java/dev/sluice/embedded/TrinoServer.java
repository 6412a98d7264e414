package dev.sluice.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Trino server (476) for tests and the embedded default: coordinator and worker in one child
 * JVM on a JDK 24+ ({@link TrinoJava}), on a free loopback port, with the catalogs it is given.
 * Catalog values may name the environment as Trino does ({@code ${ENV:NAME}}): the child gets
 * {@code environment}, so a deployment's catalog file runs here unchanged. Its data and
 * configuration live in a temporary directory removed on close (and the process is killed if
 * this JVM exits first).
 *
 * <p>Start: about 14 s here with the hive, iceberg and pinot plugins; RSS about 0.6 GB at {@code -Xmx2G}
 *  (564-602 MB measured while the demo queried it). Ready means {@code SELECT 1} ran: {@code /v1/info} says
 * started a moment before the node can be scheduled on ("No nodes available to run query").
 * The distribution comes from {@code lib-testkit/trino} ({@link TrinoDistribution}).
 */
public final class TrinoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrinoServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern NEXT_URI = Pattern.compile("\"nextUri\"\\s*:\\s*\"([^\"]+)\"");

    private final Process process;
    private final Path work;
    private final int port;
    private final Thread reaper;

    private TrinoServer(Process process, Path work, int port) {
        this.process = process;
        this.work = work;
        this.port = port;
        this.reaper = ChildProcesses.reaper(process, "sluice-trino-reaper");
    }

    /**
     * Starts a server with these catalogs (name to connector properties) and returns once it
     * accepts queries. Fails with the server's last output when it does not start.
     */
    public static TrinoServer start(Map<String, Map<String, String>> catalogs, Map<String, String> environment) {
        return start(catalogs, environment, () -> false);
    }

    /**
     * As {@link #start(Map, Map)}, given up while it starts once {@code abandon} says so (a run
     * stopped before Trino was up): the process is stopped, its directory removed, and the start
     * fails saying so.
     */
    public static TrinoServer start(Map<String, Map<String, String>> catalogs, Map<String, String> environment, BooleanSupplier abandon) {
        Path java = TrinoJava.find().orElseThrow(() -> new IllegalStateException(TrinoJava.notFound()));
        Path home = TrinoDistribution.home();
        try {
            Path work = Files.createTempDirectory("sluice-trino-");
            int port = Ports.free();
            Path etc = Files.createDirectories(work.resolve("etc"));
            Path catalogDir = Files.createDirectories(etc.resolve("catalog"));
            for (Map.Entry<String, Map<String, String>> c : catalogs.entrySet()) {
                write(catalogDir.resolve(c.getKey() + ".properties"), c.getValue());
            }
            Map<String, String> config = new LinkedHashMap<>();
            config.put("coordinator", "true");
            config.put("node-scheduler.include-coordinator", "true");
            config.put("http-server.http.port", Integer.toString(port));
            config.put("discovery.uri", "http://127.0.0.1:" + port);
            // One node: the heartbeat failure detector can only take it away (Trino's testing servers turn it off too), and
            // the node announces itself and is pinged on loopback, not on whatever address the host's interface has.
            config.put("failure-detector.enabled", "false");
            config.put("query.max-memory", "1GB");
            config.put("query.max-memory-per-node", "1GB");
            // Static catalogs map each catalog to the nodes that announced it, refreshed every few seconds: a query right
            // after the start found "No nodes available to run query" (twice in clean-clone CI, SELECT 1 already answered).
            // Dynamic management means every catalog on every node, which one node is.
            config.put("catalog.management", "dynamic");
            config.put("catalog.store", "file"); // its settings in etc/catalog-store.properties, read from the working directory
            config.put("plugin.dir", home.resolve("plugin").toString());
            write(etc.resolve("config.properties"), config);
            write(etc.resolve("catalog-store.properties"), Map.of("catalog.config-dir", catalogDir.toString()));
            write(etc.resolve("log.properties"), Map.of("io.trino", "WARN", "io.airlift", "WARN"));

            List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx2G", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                    "-XX:ReservedCodeCacheSize=256M", "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading",
                    "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                    "-Dnode.environment=sluice", "-Dnode.id=" + UUID.randomUUID(), "-Dnode.internal-address=127.0.0.1", "-Dnode.data-dir=" + work.resolve("data"),
                    "-Dconfig=" + etc.resolve("config.properties"), "-Dlog.levels-file=" + etc.resolve("log.properties"),
                    "-cp", home.resolve("lib") + "/*", "io.trino.server.TrinoServer"));
            cmd.addAll(1, ChildProcesses.jitOptions());
            ProcessBuilder pb = new ProcessBuilder(ChildProcesses.inOwnSession(cmd)).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("trino.log").toFile());
            pb.environment().putAll(environment);
            TrinoServer server = new TrinoServer(pb.start(), work, port);
            server.awaitReady(abandon);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Trino from " + home, e);
        }
    }

    /** The catalogs of a directory of Trino catalog files ({@code <name>.properties}), as {@link #start} takes them. */
    public static Map<String, Map<String, String>> catalogs(Path directory) {
        Map<String, Map<String, String>> catalogs = new LinkedHashMap<>();
        try (var files = Files.list(directory)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".properties")).sorted().toList()) {
                Properties p = new Properties();
                try (var in = Files.newInputStream(f)) {
                    p.load(in);
                }
                Map<String, String> values = new LinkedHashMap<>();
                p.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, p.getProperty(k)));
                String name = f.getFileName().toString();
                catalogs.put(name.substring(0, name.length() - ".properties".length()), values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Trino catalogs in " + directory, e);
        }
        return catalogs;
    }

    /** The coordinator, for example {@code http://127.0.0.1:40123}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The JDBC URL of the coordinator: {@code jdbc:trino://127.0.0.1:<port>}. */
    public String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + port;
    }

    /**
     * Waits until {@code /v1/info} says the server has finished starting and {@code SELECT 1}
     * runs. Each check runs on a thread of its own while this one watches {@code abandon}: on a
     * loaded machine a check's request can take seconds to be answered, and a run stopped then
     * waited for it (a demo's Ctrl-C took 7.6 s once, Trino's start still in a check).
     */
    private void awaitReady(BooleanSupplier abandon) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sluice-trino-ready");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        long deadline = t0 + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                Future<Boolean> check = checks.submit(() -> isReady(http));
                while (!check.isDone()) {
                    if (abandon.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        check.cancel(true);
                        // Killed, not stopped: a graceful shutdown of a server that never served took seconds of CPU from the stopping run.
                        process.destroyForcibly();
                        close();
                        throw new IllegalStateException("Trino's start was given up before it was ready");
                    }
                    sleep(50);
                }
                if (ready(check)) {
                    log.info("Trino ready at {} in {} ms", uri(), (System.nanoTime() - t0) / 1_000_000);
                    return;
                }
                sleep(250);
            }
        } finally {
            checks.shutdownNow();
        }
        String tail = tail();
        close();
        throw new IllegalStateException("Trino did not start within " + START_TIMEOUT.toSeconds() + " s"
                + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")") + "; its last output:\n" + tail);
    }

    private static boolean ready(Future<Boolean> check) {
        try {
            return check.get();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True once the server has started and answers queries; false while it is not listening yet. */
    private boolean isReady(HttpClient http) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri().resolve("/v1/info")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // Started is not yet schedulable: the node registers itself a moment later ("No nodes available").
            return r.statusCode() == 200 && r.body().contains("\"starting\":false") && answersQueries(http);
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** True once {@code SELECT 1} runs to the end through the statement API without an error. */
    private boolean answersQueries(HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri().resolve("/v1/statement")).header("X-Trino-User", "sluice")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 200 && r.statusCode() == 200; i++) {
            if (r.body().contains("\"error\"")) {
                return false;
            }
            Matcher next = NEXT_URI.matcher(r.body());
            if (!next.find()) {
                return true;
            }
            r = http.send(HttpRequest.newBuilder(URI.create(next.group(1))).header("X-Trino-User", "sluice").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return false;
    }

    private String tail() {
        return ChildProcesses.tail(work.resolve("trino.log"), 40);
    }

    private static void write(Path file, Map<String, String> values) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server (SIGTERM: Trino shuts down gracefully; a kill follows after 10 s) and removes its directory. */
    @Override
    public void close() {
        process.destroy();
        ChildProcesses.awaitOrKill(process, reaper);
        TempDirs.delete(work);
    }
}
