package dev.sluice.api;

import dev.sluice.api.annotation.Public;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Immutable, ordered record headers. Like Kafka's, a name may repeat; {@link #last(String)} reads
 * the most recent value. Values are bytes; {@code null} values are allowed (Kafka permits them).
 * Every {@code with*} method returns a copy, so an {@link Envelope} can be shared between threads.
 */
@Public
public final class EnvelopeHeaders {

    private static final EnvelopeHeaders EMPTY = new EnvelopeHeaders(List.of());

    /** One header. The value array is never exposed without a copy. */
    public record Header(String name, byte[] value) {
        public Header {
            Require.nonBlank(name, "header name");
            value = value == null ? null : value.clone();
        }

        @Override
        public byte[] value() {
            return value == null ? null : value.clone();
        }

        /** The value decoded as UTF-8, or null. */
        public String valueAsString() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && name.equals(h.name) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name + "=" + valueAsString();
        }
    }

    private final List<Header> entries;

    private EnvelopeHeaders(List<Header> entries) {
        this.entries = entries;
    }

    public static EnvelopeHeaders empty() {
        return EMPTY;
    }

    public static EnvelopeHeaders of(List<Header> headers) {
        return headers.isEmpty() ? EMPTY : new EnvelopeHeaders(List.copyOf(headers));
    }

    public EnvelopeHeaders with(String name, byte[] value) {
        List<Header> copy = new ArrayList<>(entries.size() + 1);
        copy.addAll(entries);
        copy.add(new Header(name, value));
        return new EnvelopeHeaders(Collections.unmodifiableList(copy));
    }

    public EnvelopeHeaders with(String name, String value) {
        return with(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The last header with this name, if any. */
    public Optional<Header> last(String name) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).name().equals(name)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** The last value with this name decoded as UTF-8, if present and non-null. */
    public Optional<String> lastString(String name) {
        return last(name).map(Header::valueAsString);
    }

    public List<Header> asList() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvelopeHeaders h && entries.equals(h.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
