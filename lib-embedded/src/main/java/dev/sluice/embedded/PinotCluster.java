package dev.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Pinot 0.11.0 cluster for tests: ZooKeeper, controller, broker and server in one
 * child JVM with Pinot's own classpath (its Guava, Jackson, Jersey and Kafka 2.8 client never meet
 * the test's), on free loopback ports, with its data in a temporary directory removed on close.
 *
 * <p>The classpath comes from the {@code sluice-testkit-pinot} build ({@code lib-testkit/pinot}):
 * its {@code target} directory holds the launcher jar and {@code pinot-classpath.txt}. Point
 * {@code -Dsluice.pinot.home} (or {@code SLUICE_PINOT_HOME}) at that directory.
 */
public final class PinotCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PinotCluster.class);
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final String READY = "SLUICE-PINOT-READY";
    /** What Pinot 0.11's libraries reach into on Java 17. */
    private static final List<String> OPENS = List.of(
            "java.base/java.lang", "java.base/java.lang.reflect", "java.base/java.lang.invoke", "java.base/java.nio",
            "java.base/sun.nio.ch", "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.io",
            "java.base/java.net", "java.base/jdk.internal.misc", "java.base/jdk.internal.ref", "java.base/sun.security.action",
            "java.management/sun.management", "jdk.management/com.sun.management.internal");

    private final Process process;
    private final Path work;
    private final int controllerPort;
    private final int brokerPort;
    private final Thread reaper;

    private PinotCluster(Process process, Path work, int controllerPort, int brokerPort) {
        this.process = process;
        this.work = work;
        this.controllerPort = controllerPort;
        this.brokerPort = brokerPort;
        this.reaper = ChildProcesses.reaper(process, "sluice-pinot-reaper");
    }

    /** Starts a cluster and returns once the controller, broker and server have all started. */
    public static PinotCluster start() {
        Path home = home();
        try {
            Path work = Files.createTempDirectory("sluice-pinot-");
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                ports.add(Ports.free());
            }
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                    "-Djava.net.preferIPv4Stack=true"));
            cmd.addAll(ChildProcesses.jitOptions());
            OPENS.forEach(o -> cmd.add("--add-opens=" + o + "=ALL-UNNAMED"));
            cmd.addAll(List.of("-cp", classpath(home), "dev.sluice.testkit.pinot.PinotLauncher", work.toString()));
            ports.forEach(p -> cmd.add(Integer.toString(p)));
            Process p = new ProcessBuilder(ChildProcesses.inOwnSession(cmd)).directory(work.toFile()).redirectErrorStream(true).start();
            PinotCluster cluster = new PinotCluster(p, work, ports.get(1), ports.get(2));
            cluster.awaitReady();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Pinot from " + home, e);
        }
    }

    /** The controller's REST API, for example {@code http://127.0.0.1:40123}. */
    public String controllerUrl() {
        return "http://127.0.0.1:" + controllerPort;
    }

    /** The broker's query API ({@code POST /query/sql}). */
    public String brokerUrl() {
        return "http://127.0.0.1:" + brokerPort;
    }

    private void awaitReady() {
        Deque<String> tail = ChildProcesses.newTail();
        CompletableFuture<Void> ready = ChildProcesses.pumpOutput(process, READY, tail, "sluice-pinot-output");
        long t0 = System.nanoTime();
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Pinot ready (controller {}, broker {}) in {} ms", controllerUrl(), brokerUrl(), (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Pinot did not start within " + START_TIMEOUT_SECONDS + " s; its last output:\n"
                    + ChildProcesses.joined(tail), e);
        }
    }

    private static Path home() {
        return ChildProcesses.runtimeHome("sluice.pinot.home", "SLUICE_PINOT_HOME", "pinot", "pinot-classpath.txt");
    }

    private static String classpath(Path home) throws IOException {
        return ChildProcesses.launcherClasspath(home, "sluice-testkit-pinot", "pinot-classpath.txt");
    }

    /** Stops the cluster: closing its input tells the launcher to halt; a kill follows if it lingers. */
    @Override
    public void close() {
        ChildProcesses.closeInputAndAwait(process, reaper);
        TempDirs.delete(work);
    }
}
