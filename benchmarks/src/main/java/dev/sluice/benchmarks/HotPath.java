package dev.sluice.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link HotPathBenchmark} with JMH's GC profiler and prints ops/s and bytes allocated per op, side by side. */
final class HotPath {

    private HotPath() {}

    static void run() throws Exception {
        Options options = new OptionsBuilder()
                .include(HotPathBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> byName = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            byName.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()});
        }
        System.out.println("hotpath: decode (Confluent wire format) -> filter -> map -> enrich -> encode, one 12-field event per op");
        byName.forEach((name, v) -> System.out.printf("  %-10s %,12.0f ops/s (± %,.0f)  %,8.0f bytes allocated/op%n", name, v[0], v[1], v[2]));
        Results.print("hotpath", byName.get("sluice")[0], byName.get("plainAvro")[0]);
    }
}
