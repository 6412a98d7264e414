package dev.sluice.reference;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * Ctrl-C and SIGTERM handling: the shutdown hook asks the main loop to stop and waits (bounded)
 * until it has flushed, committed and printed its summary, so an interrupted run still ends cleanly.
 *
 * <p>The hook is Hadoop's ({@link ShutdownHookManager}, which runs hooks one after another by
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
