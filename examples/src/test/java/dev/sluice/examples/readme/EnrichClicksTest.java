package dev.sluice.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TransformHarness;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;

/** The snippets only compile; this keeps the click types they lean on what the README says they are. */
class EnrichClicksTest {

    @Test
    void aClickBecomesAnEnrichedClickOfItsSchemaWithTheEventTimeAsATimestamp() {
        GenericRecord click = click("Mozilla/5.0", 1_200);
        try (var harness = TransformHarness.of(new EnrichClicks())) {
            GenericRecord out = harness.sendValue(click).values().get(0);
            assertThat(GenericData.get().validate(EnrichedClick.getClassSchema(), out)).isTrue();
            assertThat(out.get("pageCategory")).isEqualTo("products");
            assertThat(out.get("bounce")).isEqualTo(true);
            assertThat(out.get("timestamp")).isEqualTo(1_764_000_000_000L);
        }
        assertThat(EnrichedClick.getClassSchema().getField("timestamp").schema().getLogicalType())
                .isEqualTo(LogicalTypes.timestampMillis());
        assertThat(ClickEvent.getClassSchema().getField("timestamp").schema().getLogicalType())
                .isEqualTo(LogicalTypes.timestampMillis());
    }

    @Test
    void aBotIsNotHumanAndANegativeDurationIsDeadLettered() {
        assertThat(EnrichClicks.isHuman(click("Googlebot/2.1", 10))).isFalse();
        try (var harness = TransformHarness.of(new EnrichClicks())) {
            assertThat(harness.sendValue(click("Mozilla/5.0", -1)).values()).isEmpty();
            assertThat(harness.deadLetters()).singleElement()
                    .satisfies(f -> assertThat(f.cause()).hasMessage("$.durationMs: must not be negative, got -1"));
        }
    }

    private static GenericRecord click(String userAgent, long durationMs) {
        return new GenericRecordBuilder(ClickEvent.getClassSchema())
                .set("eventId", "e-1").set("userId", "u-1").set("url", "/products/42").set("userAgent", userAgent)
                .set("country", "DE").set("durationMs", durationMs).set("timestamp", 1_764_000_000_000L).build();
    }
}
