package dev.sluice.reference;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM handling. A role ({@link #onShutdown}): the shutdown hook asks the main
 * loop to stop and waits (bounded) until it has flushed and committed, so a stopped pod still ends
 * cleanly. The run command ({@link #onInterrupt}): the signals are handled without a shutdown.
 *
 * <p>A role's hook is Hadoop's ({@link ShutdownHookManager}, which runs hooks one after another by
 * priority) above Spark's: a plain JVM hook ran beside Spark's, which stopped the SparkContext
 * under a running micro-batch (the sql role logged "Query ... terminated with error" on every pod
 * stop, seen once the roles ran from the image's classpath).
 */
final class StopSignal {

    private static final long GRACE_SECONDS = 30;
    /** Spark's hooks run at Hadoop's FileSystem priority (10) + 30; higher runs first. */
    private static final int BEFORE_SPARK = 100;

    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * The run command's stop: SIGINT (Ctrl-C) and SIGTERM ask the run to stop and start no JVM
     * shutdown, so no library's own shutdown hook (embedded PostgreSQL's stops the database under
     * Debezium) runs before the run has closed its stages in order; the run ends by itself and
     * exits 0 with its summary. A second signal quits at once (exit 130), as a shell expects,
     * after {@code beforeHalt} (which kills the child services: a halt runs no shutdown hook).
     */
    static StopSignal onInterrupt(PrintStream out, Runnable beforeHalt) {
        StopSignal s = new StopSignal();
        SignalHandler handler = signal -> {
            if (s.requested) {
                out.println("  stopping at once (second " + signal.getName() + ")");
                beforeHalt.run();
                Runtime.getRuntime().halt(130);
            }
            s.requested = true;
            out.println("  stopping (SIG" + signal.getName() + "): the stages finish what they hold, then the summary; again to quit at once");
        };
        if (Signal.handle(new Signal("INT"), handler) == SignalHandler.SIG_IGN) {
            // A shell without job control starts background commands with SIGINT ignored, and the JVM keeps it so.
            out.println("  note        SIGINT is ignored in this process (started in the background by a shell without job control): "
                    + "Ctrl-C cannot stop it, SIGTERM (kill PID) does");
        }
        Signal.handle(new Signal("TERM"), handler);
        return s;
    }

    /** A stop nothing requests: for runs driven from a test. */
    static StopSignal never() {
        return new StopSignal();
    }

    static StopSignal onShutdown() {
        StopSignal s = new StopSignal();
        ShutdownHookManager.get().addShutdownHook(() -> {
            s.requested = true;
            try {
                s.finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, BEFORE_SPARK, GRACE_SECONDS + 5, TimeUnit.SECONDS);
        return s;
    }

    boolean requested() {
        return requested;
    }

    void finished() {
        finished.countDown();
    }
}
