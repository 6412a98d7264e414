package dev.sluice.benchmarks;

/** The one-line summaries the bench script ends with: {@code RESULT <name> sluice=<x> peer=<y> ratio=<x/y>}. */
final class Results {

    private Results() {}

    static void print(String name, double sluice, double peer) {
        System.out.printf("RESULT %s sluice=%.0f peer=%.0f ratio=%.2f%n", name, sluice, peer, sluice / peer);
    }
}
