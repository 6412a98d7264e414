package dev.sluice.benchmarks;

import java.util.Locale;
import java.util.Map;

/**
 * The work every contender does per event, as plain functions, so Sluice, Kafka Streams and plain
 * Avro run exactly the same logic: drop bots (filter), normalize the URL to a path and the price to
 * cents (map), add the region of the country from a lookup table (enrich).
 */
public final class EventLogic {

    /** The enrichment's lookup table: country code to sales region. */
    public static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("DE", "emea"), Map.entry("FR", "emea"), Map.entry("GB", "emea"), Map.entry("NL", "emea"),
            Map.entry("US", "amer"), Map.entry("BR", "amer"), Map.entry("CA", "amer"),
            Map.entry("IN", "apac"), Map.entry("JP", "apac"), Map.entry("AU", "apac"));

    private EventLogic() {}

    public static boolean keep(boolean bot) {
        return !bot;
    }

    /** The URL without query or fragment, lower-cased. */
    public static String path(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        if (q >= 0) {
            cut = q;
        }
        int h = url.indexOf('#');
        if (h >= 0 && h < cut) {
            cut = h;
        }
        return url.substring(0, cut).toLowerCase(Locale.ROOT);
    }

    public static long cents(double price) {
        return Math.round(price * 100);
    }

    public static String region(String country) {
        return REGIONS.getOrDefault(country, "other");
    }
}
