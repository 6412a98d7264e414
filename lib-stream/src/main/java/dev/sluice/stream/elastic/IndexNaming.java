package dev.sluice.stream.elastic;

import dev.sluice.api.Envelope;
import dev.sluice.api.Require;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Which index a document goes to: one fixed index, a write alias over rolled-over indices, or an
 * index per period of the record's event time ({@code clicks-2026.12.01}, UTC).
 *
 * <p>The sink prepares each at start, idempotently: a fixed index is created with the mapping
 * derived from the schema; an alias gets a first index {@code <alias>-000001} that it writes to,
 * and an index template for {@code <alias>-*}; time-based indices get an index template for
 * {@code <base>-*}, so each new day's index is created with the mapping by the server itself.
 *
 * @param kind    how the name is made
 * @param base    the index, the alias, or the prefix before the time
 * @param pattern for {@link Kind#TIME}, a {@link DateTimeFormatter} pattern of the event time in UTC
 */
public record IndexNaming(Kind kind, String base, String pattern) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How an index name is made. */
    public enum Kind { FIXED, ALIAS, TIME }

    public IndexNaming {
        Require.nonNull(kind, "kind");
        Require.nonBlank(base, "base");
        if (!base.equals(base.toLowerCase(Locale.ROOT)) || base.startsWith("_") || base.startsWith("-") || base.contains("*")) {
            throw new IllegalArgumentException("index name must be lower case and not start with '_' or '-' nor hold '*', got \"" + base + "\"");
        }
        if (kind == Kind.TIME) {
            DateTimeFormatter.ofPattern(Require.nonBlank(pattern, "pattern")); // fails early on a bad pattern
        }
    }

    /** Every document to {@code index}. */
    public static IndexNaming fixed(String index) {
        return new IndexNaming(Kind.FIXED, index, null);
    }

    /** Every document through the write alias {@code alias} (rolled over by an ILM/ISM policy the cluster owns). */
    public static IndexNaming alias(String alias) {
        return new IndexNaming(Kind.ALIAS, alias, null);
    }

    /** One index per UTC day of the event time: {@code <base>-yyyy.MM.dd}. */
    public static IndexNaming daily(String base) {
        return new IndexNaming(Kind.TIME, base, "yyyy.MM.dd");
    }

    /** One index per {@code pattern} of the event time in UTC: {@code <base>-<formatted>}. */
    public static IndexNaming byTime(String base, String pattern) {
        return new IndexNaming(Kind.TIME, base, pattern);
    }

    /** What a search names to read every document this naming wrote: the index, the alias, or {@code <base>-*}. */
    public String searchPattern() {
        return kind == Kind.TIME ? base + "-*" : base;
    }

    /** A resolver for one writer (the formatter is not serializable, so it is built here). */
    Resolver resolver() {
        if (kind != Kind.TIME) {
            return e -> base;
        }
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        String prefix = base + "-";
        // Most records of a stream fall in the same hour: a pattern no finer than hours is formatted
        // once per distinct hour (quoted literals aside, only year, month, day and hour letters).
        boolean hourly = pattern.replaceAll("'[^']*'", "").chars().filter(Character::isLetter).allMatch(c -> "yuMdH".indexOf(c) >= 0);
        return new Resolver() {
            private long lastHour = Long.MIN_VALUE;
            private String name;

            @Override
            public String indexFor(Envelope<?> record) {
                Instant t = record.eventTime();
                long hour = Math.floorDiv(t.getEpochSecond(), 3600);
                if (hour != lastHour || !hourly) {
                    lastHour = hour;
                    name = prefix + formatter.format(t);
                }
                return name;
            }
        };
    }

    /** Names the index of each record; one per writer, not thread-safe. */
    interface Resolver {
        String indexFor(Envelope<?> record);
    }
}
