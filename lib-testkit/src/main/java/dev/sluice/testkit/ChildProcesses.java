package dev.sluice.testkit;

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
}
