package dev.sluice.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.sluice.api.Require;

/**
 * A setting that must never reach a log: a password, a token, a secret key. Its {@link #toString}
 * is a mask; only {@link #reveal()} gives the value, at the one place that hands it to a client.
 */
final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Require.nonBlank(value, "secret");
    }

    @JsonCreator
    static Secret of(String value) {
        return new Secret(value);
    }

    /** The value itself; pass it straight to the client that needs it. */
    String reveal() {
        return value;
    }

    /** The value of {@code s}, or null when it is not set. */
    static String reveal(Secret s) {
        return s == null ? null : s.value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
