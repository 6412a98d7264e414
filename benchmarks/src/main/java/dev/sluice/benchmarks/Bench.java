package dev.sluice.benchmarks;

import java.util.Arrays;

/**
 * Entry point of benchmarks/bench: {@code hotpath}, {@code stream-vs-peers}, {@code s3-sink}, {@code elastic-sink}, {@code ingest-http},
 * {@code batch-overhead}, {@code batch-task} or {@code streaming-sql}; see {@link #USAGE}.
 */
public final class Bench {

    static final String USAGE = "usage: bench hotpath [--quick] | bench stream-vs-peers [--records N] [--threads N] [--rounds N]"
            + " | bench s3-sink [--records N] [--rounds N] | bench elastic-sink [--records N] [--rounds N] | bench ingest-http [--seconds N] | bench batch-overhead [--rows N] [--rounds N] | bench batch-task [--quick]"
            + " | bench streaming-sql [--records N] [--rounds N]";

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            fail(USAGE);
        }
        switch (args[0]) {
            case "hotpath" -> HotPath.run(flag(args, "--quick"));
            case "stream-vs-peers" -> StreamVsPeers.run(option(args, "--records", 1_000_000, 1_000), (int) option(args, "--threads", 1, 1),
                    (int) option(args, "--rounds", 3, 1));
            case "s3-sink" -> S3SinkBench.run(option(args, "--records", 1_000_000, 1_000), (int) option(args, "--rounds", 3, 1));
            case "batch-overhead" -> BatchOverhead.run(option(args, "--rows", 5_000_000, 1_000), (int) option(args, "--rounds", 9, 1));
            case "batch-task" -> BatchTask.run(flag(args, "--quick"));
            case "elastic-sink" -> ElasticSinkBench.run(option(args, "--records", 300_000, 1_000), (int) option(args, "--rounds", 3, 1));
            case "streaming-sql" -> StreamingSqlBench.run(option(args, "--records", 1_000_000, 1_000), (int) option(args, "--rounds", 3, 1));
            case "ingest-http" -> IngestHttpBench.run((int) option(args, "--seconds", 15, 2));
            default -> fail("unknown benchmark " + args[0] + "; " + USAGE);
        }
        System.exit(0); // the broker's and clients' leftover threads must not keep the JVM alive
    }

    static boolean flag(String[] args, String name) {
        return Arrays.asList(args).subList(1, args.length).contains(name);
    }

    static long option(String[] args, String name, long fallback, long min) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length) {
                    fail(name + " needs a number; " + USAGE);
                }
                try {
                    long n = Long.parseLong(args[i + 1].replace("_", ""));
                    if (n < min) {
                        fail(name + " must be at least " + min + ", got " + n);
                    }
                    return n;
                } catch (NumberFormatException e) {
                    fail(name + " needs a number, got \"" + args[i + 1] + "\"; " + USAGE);
                }
            }
        }
        return fallback;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
