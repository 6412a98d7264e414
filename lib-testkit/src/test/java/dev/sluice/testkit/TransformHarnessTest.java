package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Emitter;
import dev.sluice.api.Envelope;
import dev.sluice.api.Transform;
import dev.sluice.api.TransformContext;
import dev.sluice.api.error.DataException;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.ErrorPolicy;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.metrics.MetricGroup;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransformHarnessTest {

    /** A typical user transform: parse "sku:qty" lines, reject bad ones, drop zero quantities. */
    static final class ParseLine implements Transform<String, Integer> {
        private transient boolean opened;

        @Override
        public void open(TransformContext context) {
            opened = true;
        }

        @Override
        public void apply(Envelope<String> in, Emitter<Integer> out) {
            if (!opened) {
                throw new IllegalStateException("apply before open");
            }
            String[] parts = in.value().split(":");
            if (parts.length != 2) {
                throw new DataException("line has " + parts.length + " fields, expected 2: " + in.value());
            }
            int qty = Integer.parseInt(parts[1]);
            if (qty > 0) {
                out.emit(in.withValue(qty));
            }
        }
    }

    @Test
    void collectsOutputsAndDeadLettersThroughTheRealRunner() {
        try (TransformHarness<String, Integer> h = TransformHarness.of(new ParseLine())) {
            assertThat(h.sendValue("a:3").values()).containsExactly(3);
            assertThat(h.sendValue("b:0").values()).isEmpty();
            assertThat(h.sendValue("garbage").values()).isEmpty();
            assertThat(h.sendValue("c:x").values()).isEmpty();
            assertThat(h.outputValues()).containsExactly(3);
            assertThat(h.deadLetters()).extracting(f -> f.cause().getClass().getSimpleName())
                    .containsExactly("DataException", "NumberFormatException");
            assertThat(h.deadLetters().get(0).cause()).hasMessageContaining("line has 1 fields, expected 2");
            assertThat(h.count(Decision.DEAD_LETTER)).isEqualTo(2);
        }
    }

    @Test
    void showsRetriesOfTransientFailures() {
        AtomicInteger calls = new AtomicInteger();
        Transform<String, String> flaky = (in, out) -> {
            if (calls.incrementAndGet() == 1) {
                throw new RetriableException("cache warming up");
            }
            out.emit(in.withValue(in.value().toUpperCase()));
        };
        try (TransformHarness<String, String> h = TransformHarness.of(flaky)) {
            assertThat(h.sendValue("x").values()).containsExactly("X");
            assertThat(h.decisions()).extracting(RecordingListener.Decided::decision).containsExactly(Decision.RETRY);
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    @Test
    void aFailFastPolicySurfacesTheFailure() {
        try (TransformHarness<String, Integer> h = TransformHarness.of(new ParseLine(), ErrorPolicy.failFast())) {
            assertThatThrownBy(() -> h.sendValue("garbage")).isInstanceOf(PipelineException.class).hasMessageContaining("expected 2");
        }
    }

    @Test
    void chainsAreDrivenAsOne() {
        Transform<String, String> chain = new ParseLine().andThen(Transform.map(q -> "qty=" + q));
        try (TransformHarness<String, String> h = TransformHarness.of(chain)) {
            assertThat(h.sendValue("a:2").values()).containsExactly("qty=2");
            assertThat(h.outputs()).extracting(Envelope::value).isEqualTo(List.of("qty=2"));
        }
    }

    @Test
    void aTransformsOwnMetricsAreThereToAssertOn() {
        Transform<String, String> counting = new Transform<>() {
            private transient MetricGroup.LongCounter blanks;

            @Override
            public void open(TransformContext context) {
                blanks = context.metricGroup().counter("orders.blank.lines", "lines that held only spaces", "kind", "blank");
            }

            @Override
            public void apply(Envelope<String> in, Emitter<String> out) {
                if (in.value().isBlank()) {
                    blanks.add(1);
                } else {
                    out.emit(in);
                }
            }
        };
        try (TransformHarness<String, String> h = TransformHarness.of(counting)) {
            List.of("a", " ", "b", "").forEach(h::sendValue);
            assertThat(h.outputValues()).containsExactly("a", "b");
            assertThat(h.metrics().counted("orders.blank.lines", "kind", "blank")).isEqualTo(2);
        }
    }
}
