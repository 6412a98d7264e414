package dev.sluice.benchmarks;

import java.util.Map;

/** Runs {@link BatchTaskBenchmark} and prints rows/s and bytes allocated per row for Sluice's task and the no-Sluice floor's. */
final class BatchTask {

    private BatchTask() {}

    static void run(boolean quick) throws Exception {
        Map<String, Jmh.Score> scores = Jmh.run(BatchTaskBenchmark.class, quick);
        System.out.printf("batch-task: %,d in-memory rows through one task function (row -> Avro record -> transform -> row)%n", BatchTaskBenchmark.ROWS);
        scores.forEach((name, s) -> System.out.printf("  %-7s %,12.0f rows/s (± %,.0f)  %,6.0f bytes allocated/row%n", name, s.opsPerSecond(), s.error(),
                s.bytesPerOp()));
        Results.print("batch-task", scores.get("sluice").opsPerSecond(), scores.get("floor").opsPerSecond());
    }
}
