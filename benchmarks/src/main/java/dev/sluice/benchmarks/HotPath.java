package dev.sluice.benchmarks;

import java.util.Map;

/** Runs {@link HotPathBenchmark} with JMH's GC profiler and prints ops/s and bytes allocated per op, side by side. */
final class HotPath {

    private HotPath() {}

    static void run(boolean quick) throws Exception {
        Map<String, Jmh.Score> scores = Jmh.run(HotPathBenchmark.class, quick);
        System.out.println("hotpath: decode (Confluent wire format) -> filter -> map -> enrich -> encode, one 12-field event per op");
        scores.forEach((name, s) -> System.out.printf("  %-10s %,12.0f ops/s (± %,.0f)  %,8.0f bytes allocated/op%n", name, s.opsPerSecond(), s.error(),
                s.bytesPerOp()));
        Results.print("hotpath", scores.get("sluice").opsPerSecond(), scores.get("plainAvro").opsPerSecond());
    }
}
