package dev.sluice.embedded;

import dev.sluice.api.annotation.Internal;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The life of a service's child JVM: a shutdown hook that kills it if the test JVM exits first, and an orderly stop. */
@Internal
public final class ChildProcesses {

    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();
    /** Where Linux's util-linux puts {@code setsid}; absent elsewhere. */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private ChildProcesses() {}

    /**
     * {@code command} to run in a session of its own, where {@code setsid} exists (Linux; elsewhere
     * unchanged). A terminal's Ctrl-C signals its whole foreground process group, which a child
     * process is part of: without this, Trino and OpenSearch ended (exit 130) under a stopping run
     * that was still writing to them. The process started is the service itself ({@code setsid} forks
     * only when it leads a process group, which a JVM's child does not), so destroying it stops it.
     */
    public static List<String> inOwnSession(List<String> command) {
        return SETSID.stream().filter(Files::isExecutable).findFirst()
                .map(setsid -> Stream.concat(Stream.of(setsid.toString()), command.stream()).toList())
                .orElse(command);
    }

    /**
     * The JIT options of a service's child JVM (OpenSearch, Pinot, Trino): C1 only
     * ({@code -XX:TieredStopAtLevel=1}) unless {@code -Dsluice.services.full-jit=true} (the
     * benchmarks, which measure against the services at full speed). A test's or the demo's service
     * lives for a minute or two at a light load, and on two cores C2's compilations in its first half
     * minute cost more than they return. Measured in the demo, Ctrl-C at its first raw-zone files:
     * with C2, OpenSearch's indexing was 3,800-5,400 documents behind the clean topic and the stop
     * took 3.1-7.3 s (nine runs); with C1 only the index was at the end in eight runs of eight and
     * the stop took 2.3-3.5 s. Trino was ready in 16.7 s instead of 20.7 s (TrinoServingIT, once each).
     */
    static List<String> jitOptions() {
        return Boolean.getBoolean("sluice.services.full-jit") ? List.of() : List.of("-XX:TieredStopAtLevel=1");
    }

    /** Registers and returns a hook that kills {@code process} when this JVM exits without stopping it. */
    public static Thread reaper(Process process, String name) {
        Thread reaper = new Thread(process::destroyForcibly, name);
        Runtime.getRuntime().addShutdownHook(reaper);
        LIVE.add(process.toHandle());
        return reaper;
    }

    /** Counts {@code process} among those {@link #killAll} kills, until {@link #untrack}: for a service another library starts (PostgreSQL). */
    public static void track(ProcessHandle process) {
        LIVE.add(process);
    }

    public static void untrack(ProcessHandle process) {
        LIVE.remove(process);
    }

    /**
     * Kills every child process registered by {@link #reaper} or {@link #track} and not yet stopped, for a JVM about to
     * {@link Runtime#halt} (which runs no shutdown hook): in sessions of their own, they would
     * otherwise outlive it.
     */
    public static void killAll() {
        LIVE.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Stops a launcher that exits when its standard input closes (Pinot's, OpenSearch's): closes
     * that input, then {@link #awaitOrKill}.
     */
    static void closeInputAndAwait(Process process, Thread reaper) {
        try (OutputStream in = process.getOutputStream()) {
            in.flush();
        } catch (IOException ignored) {
            // already gone
        }
        awaitOrKill(process, reaper);
    }

    /** Waits up to 10 s for the process to end (after the caller asked it to), then kills it; removes the reaper. */
    public static void awaitOrKill(Process process, Thread reaper) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process.toHandle());
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** The last {@code lines} lines of a child's log file, for the error that says it did not start. */
    public static String tail(Path logFile, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * Reads a child's output to the end on a daemon thread (a full pipe would block the child),
     * keeping its last 40 lines in {@code tail}; the answer completes when the child prints
     * {@code readyLine}, and fails if its output ends first.
     */
    static CompletableFuture<Void> pumpOutput(Process process, String readyLine, Deque<String> tail, String threadName) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals(readyLine)) {
                        ready.complete(null);
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 40) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            // The output ends a moment before the process does: ask without assuming it has exited.
            String how = process.isAlive() ? "closed its output" : "exited with " + process.exitValue();
            ready.completeExceptionally(new IllegalStateException("the child " + how + " before it was ready"));
        }, threadName);
        pump.setDaemon(true);
        pump.start();
        return ready;
    }

    /** A fresh tail for {@link #pumpOutput}. */
    static Deque<String> newTail() {
        return new ArrayDeque<>();
    }

    /** The lines kept by {@link #pumpOutput}, joined. */
    static String joined(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /**
     * The {@code target} directory of a child JVM's runtime module ({@code lib-testkit/<module>}):
     * {@code -D<property>}, else the environment variable {@code env}, else the module's path from
     * the build's root; it must hold {@code classpathFile}, or the error says how to build it.
     */
    static Path runtimeHome(String property, String env, String module, String classpathFile) {
        String explicit = System.getProperty(property, System.getenv(env));
        Path home = explicit != null ? Path.of(explicit) : Path.of("lib-testkit", module, "target");
        if (!Files.isRegularFile(home.resolve(classpathFile))) {
            throw new IllegalStateException("No " + module + " runtime at " + home.toAbsolutePath() + ". Build lib-testkit/" + module
                    + " (`./mvnw -pl lib-testkit/" + module + " package`) and pass -D" + property + "=<its target directory>.");
        }
        return home;
    }

    /** The launcher jar ({@code <artifactId>-*.jar}) in {@code home}, then the classpath {@code classpathFile} lists. */
    static String launcherClasspath(Path home, String artifactId, String classpathFile) throws IOException {
        try (var jars = Files.list(home)) {
            Path launcher = jars.filter(p -> p.getFileName().toString().matches(artifactId + "-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + artifactId + " jar in " + home));
            return launcher + File.pathSeparator + Files.readString(home.resolve(classpathFile)).trim();
        }
    }
}
