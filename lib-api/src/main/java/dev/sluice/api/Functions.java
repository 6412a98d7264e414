package dev.sluice.api;

import dev.sluice.api.annotation.Public;
import java.io.Serializable;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Serializable function types, so that lambdas handed to {@link Transform#map} and friends can be
 * shipped to Spark executors like the transforms that hold them.
 */
@Public
public final class Functions {

    private Functions() {}

    @FunctionalInterface
    public interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

    @FunctionalInterface
    public interface SerializablePredicate<A> extends Predicate<A>, Serializable {}
}
