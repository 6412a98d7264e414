package dev.sluice.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    @Test
    void namesTheSourceTheStageAndTheReasonAndKeepsTheRecordsOwnHeaders() {
        Envelope<Object> e = Envelope.of(null, null, EnvelopeHeaders.empty().with("trace", "abc"), new Position.Kafka("orders", 4, 99),
                Instant.EPOCH, new byte[] {1});
        Failure f = Failure.of(e, Stage.DESERIALIZE, "kafka-source:orders", new DataException("byte 0 is 0x7b"), 1);
        EnvelopeHeaders h = DeadLetterHeaders.describe("checkout", f, Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(h.lastString("trace")).contains("abc");
        assertThat(h.lastString(DeadLetterHeaders.SOURCE_TOPIC)).contains("orders");
        assertThat(h.lastString(DeadLetterHeaders.SOURCE_PARTITION)).contains("4");
        assertThat(h.lastString(DeadLetterHeaders.SOURCE_OFFSET)).contains("99");
        assertThat(h.lastString(DeadLetterHeaders.STAGE)).contains("deserialize");
        assertThat(h.lastString(DeadLetterHeaders.COMPONENT)).contains("kafka-source:orders");
        assertThat(h.lastString(DeadLetterHeaders.EXCEPTION_CLASS)).contains(DataException.class.getName());
        assertThat(h.lastString(DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("byte 0 is 0x7b");
        assertThat(h.lastString(DeadLetterHeaders.PIPELINE)).contains("checkout");
        assertThat(h.lastString(DeadLetterHeaders.TIMESTAMP)).contains("2026-11-24T08:00:00Z");
    }

    @Test
    void longMessagesAreCapped() {
        Failure f = Failure.of(Envelope.of("x"), Stage.TRANSFORM, "t", new DataException("x".repeat(10_000)), 1);
        String m = DeadLetterHeaders.describe("p", f, Instant.EPOCH).lastString(DeadLetterHeaders.EXCEPTION_MESSAGE).orElseThrow();
        assertThat(m).hasSize(DeadLetterHeaders.MAX_MESSAGE_CHARS + 3);
        assertThat(DeadLetterHeaders.describe("p", f, Instant.EPOCH).last(DeadLetterHeaders.SOURCE_TOPIC)).isEmpty();
    }
}
