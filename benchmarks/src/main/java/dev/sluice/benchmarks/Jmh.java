package dev.sluice.benchmarks;

import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs one JMH benchmark class with the GC profiler and answers each method's score. */
final class Jmh {

    /** A method's ops/s, its error, and the bytes it allocated per op (NaN when not reported). */
    record Score(double opsPerSecond, double error, double bytesPerOp) {}

    private Jmh() {}

    /**
     * Runs {@code benchmark} as its annotations say, or, if {@code quick}, once briefly (one fork,
     * one warm-up and one measured iteration of a second): a check that it runs, not a figure.
     */
    static Map<String, Score> run(Class<?> benchmark, boolean quick) throws RunnerException {
        Map<String, Score> byMethod = new HashMap<>();
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName()).addProfiler(GCProfiler.class);
        if (quick) {
            options = options.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(1)
                    .measurementTime(TimeValue.seconds(1));
        }
        for (RunResult r : new Runner(options.build()).run()) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            byMethod.put(method, new Score(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()));
        }
        return byMethod;
    }
}
