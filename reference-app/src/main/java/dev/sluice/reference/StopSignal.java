package dev.sluice.reference;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C handling: the shutdown hook asks the main loop to stop and waits (bounded) until it has
 * flushed, committed and printed its summary, so an interrupted run still ends cleanly.
 */
final class StopSignal {

    private static final long GRACE_SECONDS = 30;

    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    static StopSignal onShutdown() {
        StopSignal s = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s.requested = true;
            try {
                s.finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sluice-shutdown"));
        return s;
    }

    boolean requested() {
        return requested;
    }

    void finished() {
        finished.countDown();
    }
}
