package dev.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OpenSearch 2.19.6 node for tests and the embedded default: one node in a child JVM with
 * OpenSearch's own classpath (its Jackson, Lucene and Netty never meet the test's), single-node
 * discovery on free loopback ports, its data in a temporary directory removed on close (and the
 * process killed if this JVM exits first). 3-7 s to start here, RSS 368-373 MB measured at
 * {@code -Xmx512m}.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the ports and the data, so a test can take the node
 * away under load and bring it back. The classpath comes from the {@code sluice-testkit-opensearch}
 * build ({@code lib-testkit/opensearch}); {@code -Dsluice.opensearch.home} (or
 * {@code SLUICE_OPENSEARCH_HOME}) names its {@code target} directory.
 */
public final class OpenSearchServer implements SearchService {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchServer.class);
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final String READY = "SLUICE-OPENSEARCH-READY";
    /** The node's heap: 512 MB by default; {@code -Dsluice.opensearch.heap=1g} for a benchmark's sustained indexing. */
    private static final String HEAP = System.getProperty("sluice.opensearch.heap", "512m");

    private final Path work;
    private final int httpPort;
    private final int transportPort;
    private final Map<String, String> settings;
    private Process process;
    private Thread reaper;

    private OpenSearchServer(Path work, int httpPort, int transportPort, Map<String, String> settings) {
        this.work = work;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.settings = Map.copyOf(settings);
    }

    /** Starts a node with the default settings and returns once it answers. */
    public static OpenSearchServer start() {
        return start(Map.of());
    }

    /**
     * Starts a node with these extra node settings (for example {@code thread_pool.write.queue_size})
     * and returns once the cluster is at least yellow. Fails with the node's last output when it does not start.
     */
    public static OpenSearchServer start(Map<String, String> settings) {
        try {
            OpenSearchServer server = new OpenSearchServer(Files.createTempDirectory("sluice-opensearch-"), Ports.free(), Ports.free(), settings);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start OpenSearch", e);
        }
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Stops the node and keeps its data and ports for {@link #restart()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ChildProcesses.closeInputAndAwait(process, reaper);
        process = null;
        log.info("OpenSearch at {} stopped", url());
    }

    /** Starts the node again on the same ports with the same data; returns once it answers. */
    public synchronized void restart() {
        if (process != null) {
            throw new IllegalStateException("OpenSearch at " + url() + " is running");
        }
        launch();
    }

    private synchronized void launch() {
        Path home = home();
        try {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms" + HEAP, "-Xmx" + HEAP, "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                    "-Djava.net.preferIPv4Stack=true", "-Dlog4j2.disable.jmx=true", "-Dopensearch.set.netty.runtime.available.processors=false"));
            cmd.addAll(ChildProcesses.jitOptions());
            cmd.addAll(List.of("-cp", classpath(home), "dev.sluice.testkit.opensearch.OpenSearchLauncher",
                    Files.createDirectories(work.resolve("home")).toString(), Files.createDirectories(work.resolve("data")).toString(),
                    Integer.toString(httpPort), Integer.toString(transportPort)));
            settings.forEach((k, v) -> cmd.add(k + "=" + v));
            process = new ProcessBuilder(ChildProcesses.inOwnSession(cmd)).directory(work.toFile()).redirectErrorStream(true).start();
            reaper = ChildProcesses.reaper(process, "sluice-opensearch-reaper");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start OpenSearch from " + home, e);
        }
        Deque<String> tail = ChildProcesses.newTail();
        CompletableFuture<Void> ready = ChildProcesses.pumpOutput(process, READY, tail, "sluice-opensearch-output");
        long t0 = System.nanoTime();
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Response health = request("GET", "/_cluster/health?wait_for_status=yellow&timeout=60s", null);
            if (health.status() != 200) {
                throw new IllegalStateException("cluster health answered " + health.status() + ": " + health.body());
            }
            log.info("OpenSearch ready at {} in {} ms", url(), (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            close();
            // Say what stopped it: a timeout, the process ending, or the health call failing are different faults.
            String why = e instanceof java.util.concurrent.TimeoutException ? "within " + START_TIMEOUT_SECONDS + " s" : "(" + e + ")";
            throw new IllegalStateException("OpenSearch did not start " + why + "; its last output:\n" + ChildProcesses.joined(tail), e);
        }
    }

    private static Path home() {
        return ChildProcesses.runtimeHome("sluice.opensearch.home", "SLUICE_OPENSEARCH_HOME", "opensearch", "opensearch-classpath.txt");
    }

    private static String classpath(Path home) throws IOException {
        return ChildProcesses.launcherClasspath(home, "sluice-testkit-opensearch", "opensearch-classpath.txt");
    }

    /** Stops the node and removes its data. */
    @Override
    public void close() {
        stop();
        TempDirs.delete(work);
    }
}
