package dev.sluice.catalog.datahub;

import dev.sluice.api.Require;
import java.time.Duration;

/**
 * Where and how {@link RestEmitter} reaches DataHub GMS.
 *
 * @param gmsUrl      for example {@code http://datahub-gms:8080}
 * @param token       a personal access token sent as {@code Authorization: Bearer}, or null without auth;
 *                    never logged, not part of {@link #toString()}
 * @param timeout     per request
 * @param maxAttempts tries per proposal on a 429, a 5xx or an I/O error (a 4xx is not retried)
 * @param backoff     wait before the second try, doubled for each next one
 */
public record DataHubRestConfig(String gmsUrl, String token, Duration timeout, int maxAttempts, Duration backoff) {

    public DataHubRestConfig {
        Require.nonBlank(gmsUrl, "gmsUrl");
        gmsUrl = gmsUrl.replaceAll("/+$", "");
        Require.positive(timeout, "timeout");
        Require.atLeast(maxAttempts, 1, "maxAttempts");
        Require.positive(backoff, "backoff");
    }

    /** No token, 10 s timeout, 5 attempts from 500 ms. */
    public static DataHubRestConfig of(String gmsUrl) {
        return new DataHubRestConfig(gmsUrl, null, Duration.ofSeconds(10), 5, Duration.ofMillis(500));
    }

    public DataHubRestConfig withToken(String t) {
        return new DataHubRestConfig(gmsUrl, t, timeout, maxAttempts, backoff);
    }

    public DataHubRestConfig withTimeout(Duration d) {
        return new DataHubRestConfig(gmsUrl, token, d, maxAttempts, backoff);
    }

    public DataHubRestConfig withRetries(int attempts, Duration firstBackoff) {
        return new DataHubRestConfig(gmsUrl, token, timeout, attempts, firstBackoff);
    }

    @Override
    public String toString() {
        return "DataHubRestConfig[gmsUrl=" + gmsUrl + ", token=" + (token == null ? "none" : "****") + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff + "]";
    }
}
