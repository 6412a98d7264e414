package dev.sluice.examples.javadoc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.examples.Order;
import dev.sluice.examples.ValidateOrder;
import dev.sluice.testkit.TransformHarness;
import org.junit.jupiter.api.Test;

/** The example of {@link TransformHarness}'s javadoc. */
class HarnessExampleTest {

    @Test
    void aValidOrderComesOutNormalizedWithNoDeadLetter() {
        Order order = new Order("o-1", "de", 1250, false);
        Order normalized = new Order("o-1", "DE", 1250, false);
        // snippet:start
        try (var h = TransformHarness.of(new ValidateOrder())) {
            assertThat(h.sendValue(order).values()).containsExactly(normalized);
            assertThat(h.deadLetters()).isEmpty();
        }
        // snippet:end
    }
}
