package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TransformHarness;
import org.junit.jupiter.api.Test;

class ValidateOrderTest {

    @Test
    void aGoodOrderComesOutWithItsCountryUpperCased() {
        try (var harness = TransformHarness.of(new ValidateOrder())) {
            assertThat(harness.sendValue(new Order("o-1", "de", 1250, false)).values())
                    .containsExactly(new Order("o-1", "DE", 1250, false));
            assertThat(harness.deadLetters()).isEmpty();
        }
    }

    @Test
    void aTestOrderIsDroppedAndANegativeAmountIsDeadLetteredNamingTheField() {
        try (var harness = TransformHarness.of(new ValidateOrder())) {
            assertThat(harness.sendValue(new Order("o-2", "fr", 990, true)).values()).isEmpty();
            assertThat(harness.sendValue(new Order("o-3", "fr", -5, false)).values()).isEmpty();
            assertThat(harness.deadLetters()).singleElement()
                    .satisfies(f -> assertThat(f.cause()).hasMessage("$.amountCents: must not be negative, got -5"));
        }
    }
}
