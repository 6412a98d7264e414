package dev.sluice.reference;

/**
 * Command-line options of the embedded demo.
 *
 * @param records      events the load generator sends before the run ends (ignored with untilStopped)
 * @param untilStopped keep generating and processing until Ctrl-C
 * @param partitions   partitions of every topic
 */
record DemoOptions(long records, boolean untilStopped, int partitions) {

    static final String USAGE = "usage: reference-app [--records N] [--until-stopped] [--partitions N]";

    DemoOptions {
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1, got " + records);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
    }

    static DemoOptions parse(String... args) {
        long records = 100_000;
        boolean untilStopped = false;
        int partitions = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = number(args, ++i, "--records");
                case "--partitions" -> partitions = (int) number(args, ++i, "--partitions");
                case "--until-stopped" -> untilStopped = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new DemoOptions(records, untilStopped, partitions);
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
}
