package dev.sluice.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The life of a service's child JVM: a shutdown hook that kills it if the test JVM exits first, and an orderly stop. */
final class ChildProcesses {

    private ChildProcesses() {}

    /** Registers and returns a hook that kills {@code process} when this JVM exits without stopping it. */
    static Thread reaper(Process process, String name) {
        Thread reaper = new Thread(process::destroyForcibly, name);
        Runtime.getRuntime().addShutdownHook(reaper);
        return reaper;
    }

    /** Waits up to 10 s for the process to end (after the caller asked it to), then kills it; removes the reaper. */
    static void awaitOrKill(Process process, Thread reaper) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** The last {@code lines} lines of a child's log file, for the error that says it did not start. */
    static String tail(Path logFile, int lines) {
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
}
