package dev.sluice.api;

import dev.sluice.api.annotation.Public;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record value together with where it came from.
 *
 * <p>Contract:
 * <ul>
 *   <li>Immutable. {@code with*} methods return copies; transforms must never mutate an input
 *       envelope nor the value inside it (build a new value instead).</li>
 *   <li>{@code value} may be null: a tombstone (a Kafka record with a null value).</li>
 *   <li>{@code key} may be null; it is the record key as bytes, as the source read it.</li>
 *   <li>{@code headers}, {@code position} and {@code eventTime} are never null; an envelope built
 *       in memory has {@link Position#none()} and the time it was built.</li>
 *   <li>{@code sourceBytes} are the raw bytes the value was decoded from, when there were any.
 *       They travel along {@link #withValue} so that a failure at any later stage can still send
 *       the original bytes to a dead letter. Null for envelopes built in memory.</li>
 * </ul>
 *
 * @param <T> the value type
 */
@Public
public final class Envelope<T> {

    private final T value;
    private final byte[] key;
    private final EnvelopeHeaders headers;
    private final Position position;
    private final Instant eventTime;
    private final byte[] sourceBytes;

    private Envelope(T value, byte[] key, EnvelopeHeaders headers, Position position, Instant eventTime, byte[] sourceBytes) {
        this.value = value;
        this.key = key;
        this.headers = Require.nonNull(headers, "headers");
        this.position = Require.nonNull(position, "position");
        this.eventTime = Require.nonNull(eventTime, "eventTime");
        this.sourceBytes = sourceBytes;
    }

    /** An in-memory envelope: no key, no headers, no position, event time now. */
    public static <T> Envelope<T> of(T value) {
        return new Envelope<>(value, null, EnvelopeHeaders.empty(), Position.none(), Instant.now(), null);
    }

    /**
     * A fully specified envelope. Arrays are not copied: the caller hands them over (sources build
     * one envelope per record on the hot path and must not pay for a copy).
     */
    public static <T> Envelope<T> of(T value, byte[] key, EnvelopeHeaders headers, Position position, Instant eventTime, byte[] sourceBytes) {
        return new Envelope<>(value, key, headers, position, eventTime, sourceBytes);
    }

    public T value() {
        return value;
    }

    /** The key bytes, or null. The array is shared: do not modify it. */
    public byte[] key() {
        return key;
    }

    public EnvelopeHeaders headers() {
        return headers;
    }

    public Position position() {
        return position;
    }

    public Instant eventTime() {
        return eventTime;
    }

    /** The bytes the value was decoded from, or null. The array is shared: do not modify it. */
    public byte[] sourceBytes() {
        return sourceBytes;
    }

    /** A copy carrying a new value; key, headers, position, time and source bytes are kept. */
    public <U> Envelope<U> withValue(U newValue) {
        return new Envelope<>(newValue, key, headers, position, eventTime, sourceBytes);
    }

    public Envelope<T> withKey(byte[] newKey) {
        return new Envelope<>(value, newKey, headers, position, eventTime, sourceBytes);
    }

    public Envelope<T> withHeaders(EnvelopeHeaders newHeaders) {
        return new Envelope<>(value, key, newHeaders, position, eventTime, sourceBytes);
    }

    public Envelope<T> withHeader(String name, String headerValue) {
        return withHeaders(headers.with(name, headerValue));
    }

    public Envelope<T> withPosition(Position newPosition) {
        return new Envelope<>(value, key, headers, newPosition, eventTime, sourceBytes);
    }

    public Envelope<T> withEventTime(Instant newEventTime) {
        return new Envelope<>(value, key, headers, position, newEventTime, sourceBytes);
    }

    public Envelope<T> withSourceBytes(byte[] bytes) {
        return new Envelope<>(value, key, headers, position, eventTime, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope<?> e
                && Objects.equals(value, e.value)
                && Arrays.equals(key, e.key)
                && headers.equals(e.headers)
                && position.equals(e.position)
                && eventTime.equals(e.eventTime)
                && Arrays.equals(sourceBytes, e.sourceBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, Arrays.hashCode(key), headers, position, eventTime);
    }

    /** Shows the position and value; never the raw bytes (they may hold data not meant for logs). */
    @Override
    public String toString() {
        return "Envelope{" + position.describe() + ", value=" + value + "}";
    }
}
