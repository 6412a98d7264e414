package dev.sluice.api;

import dev.sluice.api.annotation.Internal;
import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks that name the offending parameter, so bad configuration fails at construction
 * with a message a user can act on. Public because every Sluice module validates its config with it.
 */
@Internal
public final class Require {

    private Require() {}

    public static <T> T nonNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    public static String nonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, got " + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    public static long atLeast(long value, long min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    public static int atLeast(int value, int min, String name) {
        return (int) atLeast((long) value, min, name);
    }

    public static Duration positive(Duration value, String name) {
        nonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
