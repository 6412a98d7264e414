package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of the threads whose names start with a prefix, between two samples: what a
 * component costs per unit of work when it shares the JVM and the cores with others (the broker,
 * the load generator), which a throughput figure alone does not separate from their noise.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds by thread id, of the matching threads alive when it was taken. */
    record Sample(Map<Long, Long> nanos) {}

    private ThreadCpu() {}

    static Sample sample(String prefix) {
        Map<Long, Long> nanos = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(prefix)) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    nanos.put(t.getThreadId(), cpu);
                }
            }
        }
        return new Sample(nanos);
    }

    /** CPU nanoseconds the matching threads spent since {@code before} (a thread that started since counts from zero). */
    static long since(Sample before, String prefix) {
        long total = 0;
        for (Map.Entry<Long, Long> e : sample(prefix).nanos().entrySet()) {
            total += e.getValue() - before.nanos().getOrDefault(e.getKey(), 0L);
        }
        return total;
    }
}
