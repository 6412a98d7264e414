package dev.sluice.benchmarks;

import java.util.List;

/**
 * The one-line summaries the bench script ends with: {@code RESULT <name> sluice=<x> peer=<y> ratio=<x/y>},
 * and the median they are taken from.
 */
final class Results {

    private Results() {}

    static void print(String name, double sluice, double peer) {
        System.out.printf("RESULT %s sluice=%.0f peer=%.0f ratio=%.2f%n", name, sluice, peer, sluice / peer);
    }

    /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    /** The wall-clock seconds {@code r} takes. */
    static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
