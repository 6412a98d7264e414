package dev.sluice.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The harness's end of {@link FlinkJobServer}: starts the child JVM once, with the kafka-clients
 * Flink's connector is built against ({@code target/flink-lib}, which the build copies there)
 * ahead of the benchmark jar on its classpath, and sends it requests. The child competes for the
 * same two cores as the contenders in the harness's process do; its heap is its own.
 */
final class FlinkChild implements AutoCloseable {

    private final Process process;
    private final Writer requests;
    private final BufferedReader replies;
    private final Path log;

    private FlinkChild(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.requests = process.outputWriter(StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the child with a cluster of {@code slots} task slots and returns once the cluster runs. */
    static FlinkChild start(int slots) throws Exception {
        Path jar = Path.of(FlinkChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lib = jar.resolveSibling("flink-lib");
        if (!lib.toFile().isDirectory()) {
            throw new IllegalStateException(lib + " is missing: build the benchmarks with benchmarks/bench, which copies Flink's kafka-clients there");
        }
        Path log = jar.resolveSibling("flink-child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx2g", "-XX:+UseParallelGC", "-cp", lib.resolve("*") + File.pathSeparator + jar,
                FlinkJobServer.class.getName(), Integer.toString(slots)).redirectError(log.toFile()).start();
        FlinkChild child = new FlinkChild(p, log);
        child.reply("starting the cluster");
        return child;
    }

    /** Sends {@code request} and waits for its reply; throws with the child's cause if it failed. */
    void request(String request) throws IOException {
        requests.write(request + "\n");
        requests.flush();
        reply(request);
    }

    private void reply(String request) throws IOException {
        String reply = replies.readLine();
        if (reply == null) {
            throw new IllegalStateException("the Flink child JVM exited during '" + request + "'; its log: " + log);
        }
        if (!reply.equals("ok")) {
            throw new IllegalStateException("Flink, on '" + request + "': " + reply.substring(reply.indexOf(' ') + 1) + " (log: " + log + ")");
        }
    }

    @Override
    public void close() throws Exception {
        requests.close(); // the child closes its cluster and exits when its stdin ends
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
