package dev.sluice.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Envelope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StandardErrorPolicyTest {

    private static Failure failure(RuntimeException cause, int attempt) {
        return Failure.of(Envelope.of("x"), Stage.TRANSFORM, "t", cause, attempt);
    }

    @Test
    void retriesTransientFailuresUntilTheBudgetIsSpent() {
        StandardErrorPolicy p = ErrorPolicy.deadLetter().withMaxAttempts(3);
        assertThat(p.decide(failure(new RetriableException("x"), 1))).isEqualTo(Decision.RETRY);
        assertThat(p.decide(failure(new RetriableException("x"), 2))).isEqualTo(Decision.RETRY);
        assertThat(p.decide(failure(new RetriableException("x"), 3))).isEqualTo(Decision.DEAD_LETTER);
    }

    @Test
    void dataErrorsAreNeverRetried() {
        assertThat(ErrorPolicy.deadLetter().decide(failure(new DataException("x"), 1))).isEqualTo(Decision.DEAD_LETTER);
        assertThat(ErrorPolicy.deadLetter().decide(failure(new NullPointerException(), 1))).isEqualTo(Decision.DEAD_LETTER);
        assertThat(ErrorPolicy.failFast().decide(failure(new DataException("x"), 1))).isEqualTo(Decision.FAIL);
        assertThat(ErrorPolicy.skipAndCount().decide(failure(new DataException("x"), 1))).isEqualTo(Decision.SKIP_AND_COUNT);
    }

    @Test
    void sinkDefaultFailsWhenTheSinkStaysDownButDeadLettersBadRecords() {
        StandardErrorPolicy p = ErrorPolicy.sinkDefault();
        assertThat(p.decide(failure(new RetriableException("x"), p.maxAttempts()))).isEqualTo(Decision.FAIL);
        assertThat(p.decide(failure(new DataException("too large"), 1))).isEqualTo(Decision.DEAD_LETTER);
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        StandardErrorPolicy p = ErrorPolicy.deadLetter().withBackoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(500));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void badConfigurationIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> ErrorPolicy.deadLetter().withMaxAttempts(0)).hasMessage("maxAttempts must be >= 1, got 0");
        assertThatThrownBy(() -> ErrorPolicy.deadLetter().withOnExhausted(Decision.RETRY)).hasMessageContaining("onExhausted must be a final decision");
        assertThatThrownBy(() -> ErrorPolicy.deadLetter().withBackoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff (PT1S) must be >= initialBackoff (PT2S)");
        assertThatThrownBy(() -> ErrorPolicy.deadLetter().withBackoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .hasMessage("multiplier must be >= 1.0, got 0.5");
        assertThatThrownBy(() -> new ErrorPolicies(null, ErrorPolicy.deadLetter(), ErrorPolicy.deadLetter()))
                .hasMessage("deserialize policy must not be null");
    }
}
