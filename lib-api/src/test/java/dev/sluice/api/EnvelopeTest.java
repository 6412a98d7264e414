package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void withValueKeepsWhereTheRecordCameFrom() {
        byte[] raw = "raw".getBytes(StandardCharsets.UTF_8);
        Envelope<String> in = Envelope.of("a", "k".getBytes(StandardCharsets.UTF_8), EnvelopeHeaders.empty().with("h", "1"),
                new Position.Kafka("orders", 2, 7), Instant.EPOCH, raw);
        Envelope<Integer> out = in.withValue(42);
        assertThat(out.value()).isEqualTo(42);
        assertThat(out.key()).isEqualTo(in.key());
        assertThat(out.headers().lastString("h")).contains("1");
        assertThat(out.position()).isEqualTo(new Position.Kafka("orders", 2, 7));
        assertThat(out.eventTime()).isEqualTo(Instant.EPOCH);
        assertThat(out.sourceBytes()).isSameAs(raw);
        assertThat(in.value()).isEqualTo("a");
    }

    @Test
    void inMemoryEnvelopeHasNoPositionAndMayHoldATombstone() {
        Envelope<String> e = Envelope.of(null);
        assertThat(e.value()).isNull();
        assertThat(e.position()).isEqualTo(Position.none());
        assertThat(e.headers().size()).isZero();
        assertThat(e.sourceBytes()).isNull();
    }

    @Test
    void requiredPartsAreNamedWhenMissing() {
        assertThatThrownBy(() -> Envelope.of("v", null, null, Position.none(), Instant.now(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("headers must not be null");
        assertThatThrownBy(() -> Envelope.of("v", null, EnvelopeHeaders.empty(), null, Instant.now(), null))
                .hasMessage("position must not be null");
        assertThatThrownBy(() -> Envelope.of("v").withEventTime(null)).hasMessage("eventTime must not be null");
    }

    @Test
    void equalityComparesKeyBytesByContent() {
        Instant t = Instant.parse("2026-11-24T07:00:00Z");
        Envelope<String> a = Envelope.of("v", new byte[] {1, 2}, EnvelopeHeaders.empty(), Position.none(), t, null);
        Envelope<String> b = Envelope.of("v", new byte[] {1, 2}, EnvelopeHeaders.empty(), Position.none(), t, null);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.withKey(new byte[] {3}));
    }

    @Test
    void toStringNeverShowsRawBytes() {
        Envelope<String> e = Envelope.of("v").withSourceBytes("secret-token".getBytes(StandardCharsets.UTF_8));
        assertThat(e.toString()).doesNotContain("secret-token").contains("value=v");
    }
}
