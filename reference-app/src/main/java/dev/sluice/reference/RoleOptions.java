package dev.sluice.reference;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Command-line options of a deployed run: one part of the pipeline, configured by a file and the
 * environment ({@link ConfigLoader}).
 *
 * @param role   what this process does
 * @param config the YAML settings file
 * @param date   the day a daily role works on (UTC); null for the long-running roles
 */
record RoleOptions(Role role, Path config, LocalDate date) {

    static final String USAGE = "usage: reference-app --role ingest|orders|stream|sql|batch|compact|pinot-push|lineage --config FILE [--date YYYY-MM-DD|yesterday|today]";

    /** The parts of the pipeline a process can run. */
    enum Role {
        /** The HTTP ingest endpoint into the raw topic; until stopped. */
        INGEST(false, true),
        /** The orders API and database (CDC) into their topics; until stopped. */
        ORDERS(false, true),
        /** The clean pipeline (raw topic to clean, Pinot-facing and dead-letter topics) and the raw zone on S3; until stopped. */
        STREAM(false, true),
        /** The streaming SQL of infra/streaming-sql/clicks.sql over the clean topic, each query from its checkpoint; until stopped. */
        SQL(false, true),
        /** The curated aggregate of one day. */
        BATCH(true, false),
        /** Compaction of one day of the raw zone. */
        COMPACT(true, false),
        /** One day of the compacted raw zone as Pinot OFFLINE segments. */
        PINOT_PUSH(true, false),
        /** Every stage's datasets, schemas and edges to DataHub (or the file). */
        LINEAGE(false, false);

        final boolean daily;
        /** A Deployment's role, running until stopped; the others are Jobs that end by themselves. */
        final boolean untilStopped;

        Role(boolean daily, boolean untilStopped) {
            this.daily = daily;
            this.untilStopped = untilStopped;
        }

        String flag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Role of(String flag) {
            return Arrays.stream(values()).filter(r -> r.flag().equals(flag)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown role \"" + flag + "\"; " + USAGE));
        }
    }

    RoleOptions {
        if (role == null) {
            throw new IllegalArgumentException("--role is required; " + USAGE);
        }
        if (config == null) {
            throw new IllegalArgumentException("--config is required; " + USAGE);
        }
        if (role.daily && date == null) {
            throw new IllegalArgumentException("--role " + role.flag() + " needs --date; " + USAGE);
        }
    }

    static boolean isRoleRun(String... args) {
        return Arrays.asList(args).contains("--role");
    }

    static RoleOptions parse(Clock clock, String... args) {
        Role role = null;
        Path config = null;
        LocalDate date = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.equals("--role") && !option.equals("--config") && !option.equals("--date")) {
                throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
            if (++i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            switch (option) {
                case "--role" -> role = Role.of(args[i]);
                case "--config" -> config = Path.of(args[i]);
                default -> date = date(args[i], clock);
            }
        }
        return new RoleOptions(role, config, date);
    }

    private static LocalDate date(String value, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
        return switch (value) {
            case "today" -> today;
            case "yesterday" -> today.minusDays(1);
            default -> {
                try {
                    yield LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--date must be YYYY-MM-DD, yesterday or today, got \"" + value + "\"");
                }
            }
        };
    }
}
