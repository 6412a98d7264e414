package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Transform;
import dev.sluice.api.error.Stage;
import dev.sluice.formats.JsonAvroConverter;
import dev.sluice.reference.model.ClickEvent;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.testkit.TransformHarness;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class EnrichClicksTest {

    private final JsonAvroConverter json = new JsonAvroConverter(ClickEvent.getClassSchema());
    private final Transform<GenericRecord, EnrichedClick> transform = Transform.<GenericRecord>filter(EnrichClicks::isHuman).andThen(new EnrichClicks());

    private GenericRecord click(String url, String agent, String country, long duration) {
        return json.convert("{\"eventId\":\"e-1\",\"userId\":\"u-1\",\"sessionId\":\"s-1\",\"url\":\"" + url + "\",\"userAgent\":\"" + agent
                + "\",\"country\":\"" + country + "\",\"durationMs\":" + duration + ",\"timestamp\":\"2026-11-24T07:00:00Z\"}");
    }

    @Test
    void enrichesHumanClicks() {
        try (TransformHarness<GenericRecord, EnrichedClick> h = TransformHarness.of(transform)) {
            EnrichedClick c = h.sendValue(click("/products/42?ref=x", "Mozilla/5.0 (iPhone) Mobile", "DE", 1200)).values().get(0);
            assertThat(c.getPageCategory()).isEqualTo("products");
            assertThat(c.getDevice()).isEqualTo("mobile");
            assertThat(c.getBounce()).isTrue();
            assertThat(c.getTimestamp().toString()).isEqualTo("2026-11-24T07:00:00Z");
        }
    }

    @Test
    void dropsBotsWithoutCallingThemFailures() {
        try (TransformHarness<GenericRecord, EnrichedClick> h = TransformHarness.of(transform)) {
            assertThat(h.sendValue(click("/", "Googlebot/2.1", "US", 10)).values()).isEmpty();
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    @Test
    void deadLettersInvalidClicksWithTheFieldNamed() {
        try (TransformHarness<GenericRecord, EnrichedClick> h = TransformHarness.of(transform)) {
            h.sendValue(click("/cart", "Mozilla/5.0 (Windows NT 10.0)", "Germany", 10));
            h.sendValue(click("/cart", "Mozilla/5.0 (Windows NT 10.0)", "FR", -3));
            assertThat(h.deadLetters()).extracting(f -> f.cause().getMessage()).containsExactly(
                    "$.country: expected an ISO 3166-1 alpha-2 code, got \"Germany\"", "$.durationMs: must not be negative, got -3");
            assertThat(h.deadLetters()).allSatisfy(f -> assertThat(f.stage()).isEqualTo(Stage.TRANSFORM));
        }
    }

    @Test
    void categoriesAndDevices() {
        assertThat(EnrichClicks.category("/")).isEqualTo("home");
        assertThat(EnrichClicks.category("/search?q=x")).isEqualTo("search");
        assertThat(EnrichClicks.category("/account")).isEqualTo("other");
        assertThat(EnrichClicks.device("Mozilla/5.0 (iPad; CPU OS 17_6)")).isEqualTo("tablet");
        assertThat(EnrichClicks.device("Mozilla/5.0 (Windows NT 10.0)")).isEqualTo("desktop");
    }
}
