package dev.sluice.reference;

import java.nio.file.Path;

/**
 * Command-line options of the embedded demo.
 *
 * @param records      events the load generator sends before the run ends (ignored with untilStopped)
 * @param untilStopped keep generating and processing until Ctrl-C
 * @param partitions   partitions of every topic
 * @param lake         the directory the embedded S3 server keeps its objects in; emptied at start
 * @param port         the port of the HTTP ingest endpoint on loopback (8000; 0 picks a free one)
 * @param lineage      the DataHub proposals file the run's lineage goes to
 */
record DemoOptions(long records, boolean untilStopped, int partitions, Path lake, int port, Path lineage) {

    static final String USAGE = "usage: reference-app [--records N] [--until-stopped] [--partitions N] [--lake DIR] [--port N] [--lineage FILE]";

    DemoOptions {
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1, got " + records);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        if (lake == null) {
            throw new IllegalArgumentException("--lake needs a directory");
        }
        if (lineage == null) {
            throw new IllegalArgumentException("--lineage needs a file");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
    }

    static DemoOptions parse(String... args) {
        long records = 100_000;
        boolean untilStopped = false;
        int partitions = 3;
        Path lake = Path.of("target", "lake");
        int port = 8000;
        Path lineage = Path.of("target", "lineage", "datahub-proposals.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = number(args, ++i, "--records");
                case "--partitions" -> partitions = (int) number(args, ++i, "--partitions");
                case "--until-stopped" -> untilStopped = true;
                case "--lake" -> lake = Path.of(value(args, ++i, "--lake"));
                case "--port" -> port = (int) number(args, ++i, "--port");
                case "--lineage" -> lineage = Path.of(value(args, ++i, "--lineage"));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new DemoOptions(records, untilStopped, partitions, lake, port, lineage);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static long number(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a number; " + USAGE);
        }
        try {
            return Long.parseLong(args[i].replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got \"" + args[i] + "\"; " + USAGE);
        }
    }

    /** Where the streaming SQL keeps its checkpoints in the embedded default: beside the lake, emptied at start with it. */
    Path checkpoints() {
        return lake.toAbsolutePath().resolveSibling(lake.getFileName() + "-checkpoints");
    }
}
