package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeadersAndPositionTest {

    @Test
    void headersAreImmutableAndLastValueWins() {
        EnvelopeHeaders h1 = EnvelopeHeaders.empty().with("a", "1");
        EnvelopeHeaders h2 = h1.with("a", "2").with("b", (String) null);
        assertThat(h1.size()).isEqualTo(1);
        assertThat(h2.lastString("a")).contains("2");
        assertThat(h2.last("b")).isPresent();
        assertThat(h2.lastString("b")).isEmpty();
        assertThat(h2.last("missing")).isEmpty();
    }

    @Test
    void headerValuesAreCopied() {
        byte[] v = {1};
        EnvelopeHeaders h = EnvelopeHeaders.empty().with("a", v);
        v[0] = 9;
        assertThat(h.last("a").orElseThrow().value()).containsExactly(1);
    }

    @Test
    void positionsDescribeThemselves() {
        assertThat(new Position.Kafka("orders", 3, 1045).describe()).isEqualTo("orders-3@1045");
        assertThat(new Position.File("s3://b/k.csv", 12).describe()).isEqualTo("s3://b/k.csv:12");
        assertThat(new Position.Log("pg/orders", "0/16B3748").describe()).isEqualTo("pg/orders@0/16B3748");
    }

    @Test
    void badPositionsNameTheField() {
        assertThatThrownBy(() -> new Position.Kafka("orders", -1, 0)).hasMessage("partition must be >= 0, got -1");
        assertThatThrownBy(() -> new Position.Kafka(" ", 0, 0)).hasMessageContaining("topic must not be blank");
        assertThatThrownBy(() -> new Position.File("f", -5)).hasMessage("row must be >= 0, got -5");
        assertThatThrownBy(() -> EnvelopeHeaders.empty().with("", "x")).hasMessageContaining("header name must not be blank");
    }
}
