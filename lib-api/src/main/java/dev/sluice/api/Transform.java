package dev.sluice.api;

import dev.sluice.api.Functions.SerializableFunction;
import dev.sluice.api.Functions.SerializablePredicate;
import dev.sluice.api.annotation.Public;
import java.io.Serializable;

/**
 * A typed step that turns one input record into zero or more output records. The same class runs
 * record by record in the Kafka hot path and partition by partition inside Spark, both driven by a
 * {@link TransformRunner}.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Lifecycle.</b> {@link #open} is called once before the first {@link #apply}, and
 *       {@link #close} once after the last, on the same instance. A transform is
 *       {@link Serializable}: it is built once on the driver and copied to each task; put
 *       non-serializable state (clients, caches) in {@code transient} fields set up in {@code open}.</li>
 *   <li><b>Threading.</b> One instance serves one thread. The runtime never calls {@code apply}
 *       concurrently on the same instance, so a transform needs no locking of its own state.</li>
 *   <li><b>Mutation.</b> {@code apply} must not mutate the input envelope or its value (the same
 *       value may be retried, sent to a dead letter, or read by another branch). Emit new values.</li>
 *   <li><b>Outputs.</b> Emit 0..n envelopes through {@code out}, usually built with
 *       {@link Envelope#withValue} so that the position and source bytes travel along. The input value
 *       may be null (a tombstone); a transform that cannot handle one should throw {@link dev.sluice.api.error.DataException}.</li>
 *   <li><b>Failure.</b> Throw {@link dev.sluice.api.error.DataException} for a record that can never
 *       succeed (it goes to the dead letter by policy), {@link dev.sluice.api.error.RetriableException}
 *       for a transient cause (it is retried with backoff). Any other exception is treated as a data
 *       error of that record. Outputs emitted before the exception are discarded by the runner, so a
 *       retry never duplicates them.</li>
 * </ul>
 *
 * @param <I> input value type
 * @param <O> output value type
 */
@FunctionalInterface
@Public
public interface Transform<I, O> extends Serializable {

    /** Processes one input; see the class contract. */
    void apply(Envelope<I> in, Emitter<O> out);

    /** Acquires resources. The default does nothing. */
    default void open(TransformContext context) {}

    /** Releases resources; called even when {@code apply} failed. The default does nothing. */
    default void close() {}

    /** One output per input: {@code fn} of the value, with the input's key, headers and position. */
    static <I, O> Transform<I, O> map(SerializableFunction<? super I, ? extends O> fn) {
        Require.nonNull(fn, "fn");
        return (in, out) -> out.emit(in.withValue(fn.apply(in.value())));
    }

    /** Passes the inputs whose value satisfies {@code predicate}; drops the others (a filter is not a failure). */
    static <T> Transform<T, T> filter(SerializablePredicate<? super T> predicate) {
        Require.nonNull(predicate, "predicate");
        return (in, out) -> {
            if (predicate.test(in.value())) {
                out.emit(in);
            }
        };
    }

    /** Zero or more outputs per input, one per element {@code fn} returns (null means none). */
    static <I, O> Transform<I, O> flatMap(SerializableFunction<? super I, ? extends Iterable<? extends O>> fn) {
        Require.nonNull(fn, "fn");
        return (in, out) -> {
            Iterable<? extends O> results = fn.apply(in.value());
            if (results != null) {
                for (O o : results) {
                    out.emit(in.withValue(o));
                }
            }
        };
    }

    /** This transform, then {@code next} applied to each of its outputs. Opens and closes both. */
    default <P> Transform<I, P> andThen(Transform<O, P> next) {
        return new ChainedTransform<>(this, Require.nonNull(next, "next"));
    }
}
