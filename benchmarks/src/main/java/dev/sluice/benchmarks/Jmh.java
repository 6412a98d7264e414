package dev.sluice.benchmarks;

import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs one JMH benchmark class with the GC profiler and answers each method's score. */
final class Jmh {

    /** A method's ops/s, its error, and the bytes it allocated per op (NaN when not reported). */
    record Score(double opsPerSecond, double error, double bytesPerOp) {}

    private Jmh() {}

    static Map<String, Score> run(Class<?> benchmark) throws RunnerException {
        Map<String, Score> byMethod = new HashMap<>();
        for (RunResult r : new Runner(new OptionsBuilder().include(benchmark.getName()).addProfiler(GCProfiler.class).build()).run()) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            byMethod.put(method, new Score(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()));
        }
        return byMethod;
    }
}
