package dev.sluice.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
