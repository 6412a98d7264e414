package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.DataException;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.ErrorPolicy;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.error.Stage;
import dev.sluice.api.error.StandardErrorPolicy;
import dev.sluice.api.metrics.PipelineListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransformRunnerTest {

    private final List<Failure> deadLetters = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();

    private final DeadLetterSink dlq = new DeadLetterSink() {
        @Override
        public void send(Failure failure) {
            deadLetters.add(failure);
        }

        @Override
        public void flush() {}
    };

    private final PipelineListener listener = new PipelineListener() {
        @Override
        public void onFailure(Failure failure, Decision decision) {
            decisions.add(decision);
        }
    };

    private <I, O> TransformRunner<I, O> runner(Transform<I, O> t, ErrorPolicy policy) {
        return TransformRunner.open(t, TransformContext.of("test", "t"), new FailureHandler("test", ErrorPolicies.all(policy), dlq, listener),
                listener);
    }

    private static StandardErrorPolicy noWait() {
        return ErrorPolicy.deadLetter().withBackoff(Duration.ZERO, 1.0, Duration.ZERO);
    }

    private static Envelope<String> fromKafka(String value) {
        return Envelope.of(value, null, EnvelopeHeaders.empty(), new Position.Kafka("in", 0, 5), Instant.EPOCH, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedRecordEmitsNothingAndGoesToTheDeadLetterWithItsRawBytes() {
        Transform<String, String> t = (in, out) -> {
            out.emit(in.withValue("partial"));
            if (in.value().equals("bad")) {
                throw new DataException("$.amount: expected double, got \"abc\"");
            }
        };
        List<String> out = new ArrayList<>();
        try (TransformRunner<String, String> r = runner(t, noWait())) {
            assertThat(r.process(fromKafka("bad"), e -> out.add(e.value()))).isZero();
            assertThat(r.process(fromKafka("good"), e -> out.add(e.value()))).isEqualTo(1);
        }
        assertThat(out).containsExactly("partial");
        assertThat(deadLetters).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo(Stage.TRANSFORM);
            assertThat(new String(f.rawBytes(), StandardCharsets.UTF_8)).isEqualTo("bad");
            assertThat(f.describe()).contains("in-0@5").contains("$.amount");
        });
        assertThat(decisions).containsExactly(Decision.DEAD_LETTER);
    }

    @Test
    void aTransientFailureIsRetriedAndItsOutputsAreEmittedOnce() {
        AtomicInteger calls = new AtomicInteger();
        Transform<String, String> t = (in, out) -> {
            out.emit(in);
            if (calls.incrementAndGet() < 3) {
                throw new RetriableException("lookup service busy");
            }
        };
        List<String> out = new ArrayList<>();
        try (TransformRunner<String, String> r = runner(t, noWait())) {
            r.process(fromKafka("x"), e -> out.add(e.value()));
        }
        assertThat(out).containsExactly("x");
        assertThat(calls).as("two failed attempts and the one that succeeded, no extra call").hasValue(3);
        assertThat(decisions).containsExactly(Decision.RETRY, Decision.RETRY);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void retriesThatNeverSucceedEndInTheExhaustedDecision() {
        Transform<String, String> t = (in, out) -> {
            throw new RetriableException("down");
        };
        try (TransformRunner<String, String> r = runner(t, noWait().withMaxAttempts(3))) {
            r.process(fromKafka("x"), e -> {});
        }
        assertThat(decisions).containsExactly(Decision.RETRY, Decision.RETRY, Decision.DEAD_LETTER);
        assertThat(deadLetters).singleElement().extracting(Failure::attempt).isEqualTo(3);
    }

    @Test
    void failFastStopsWithTheRecordsPositionInTheMessage() {
        Transform<String, String> t = (in, out) -> {
            throw new IllegalStateException("boom");
        };
        try (TransformRunner<String, String> r = runner(t, ErrorPolicy.failFast())) {
            assertThatThrownBy(() -> r.process(fromKafka("x"), e -> {}))
                    .isInstanceOf(PipelineException.class)
                    .hasMessageContaining("in-0@5").hasMessageContaining("boom")
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void skipAndCountDropsVisibly() {
        Transform<String, String> t = (in, out) -> {
            throw new DataException("nope");
        };
        try (TransformRunner<String, String> r = runner(t, ErrorPolicy.skipAndCount())) {
            assertThat(r.process(fromKafka("x"), e -> {})).isZero();
        }
        assertThat(decisions).containsExactly(Decision.SKIP_AND_COUNT);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void deadLetterWithoutADeadLetterSinkStopsInsteadOfLosingTheRecord() {
        FailureHandler handler = new FailureHandler("test", ErrorPolicies.defaults(), DeadLetterSink.none(), PipelineListener.noop());
        Transform<String, String> t = (in, out) -> {
            throw new DataException("poison");
        };
        try (TransformRunner<String, String> r = TransformRunner.open(t, TransformContext.of("test", "t"), handler, PipelineListener.noop())) {
            assertThatThrownBy(() -> r.process(fromKafka("x"), e -> {})).isInstanceOf(PipelineException.class)
                    .hasMessageContaining("no dead-letter sink is configured");
        }
    }

    @Test
    void processPartitionIsLazyAndClosesTheTransformAtTheEnd() {
        AtomicInteger applied = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        Transform<Integer, Integer> t = new Transform<>() {
            @Override
            public void apply(Envelope<Integer> in, Emitter<Integer> out) {
                applied.incrementAndGet();
                if (in.value() % 2 == 0) {
                    out.emit(in.withValue(in.value() * 10));
                    out.emit(in.withValue(in.value() * 100));
                }
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        TransformRunner<Integer, Integer> r = runner(t, noWait());
        Iterator<Envelope<Integer>> it = r.processPartition(List.of(1, 2, 3, 4).stream().map(Envelope::of).iterator());
        assertThat(applied).hasValue(0);
        List<Integer> out = new ArrayList<>();
        it.forEachRemaining(e -> out.add(e.value()));
        assertThat(out).containsExactly(20, 200, 40, 400);
        assertThat(closed).isTrue();
        assertThatThrownBy(() -> r.process(Envelope.of(1), e -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void processPartitionPassesOverADeadLetteredRecordAndKeepsNoneOfItsPartialOutputs() {
        Transform<String, String> t = (in, out) -> {
            out.emit(in.withValue(in.value() + "-1"));
            if (in.value().startsWith("bad")) {
                throw new DataException("bad record " + in.value());
            }
            out.emit(in.withValue(in.value() + "-2"));
        };
        TransformRunner<String, String> r = runner(t, noWait());
        Iterator<Envelope<String>> it = r.processPartition(List.of("a", "bad-b", "bad-c", "d").stream().map(TransformRunnerTest::fromKafka).iterator());
        List<String> out = new ArrayList<>();
        it.forEachRemaining(e -> out.add(e.value()));
        assertThat(out).containsExactly("a-1", "a-2", "d-1", "d-2");
        assertThat(deadLetters).extracting(f -> new String(f.rawBytes(), StandardCharsets.UTF_8)).containsExactly("bad-b", "bad-c");
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void processPartitionDecodesEachRawInputInTurnAndPassesOverOnesTheDecoderRefused() {
        List<String> decoded = new ArrayList<>();
        Transform<Integer, Integer> t = (in, out) -> out.emit(in.withValue(in.value() * 2));
        TransformRunner<Integer, Integer> r = runner(t, noWait());
        Iterator<Envelope<Integer>> it = r.processPartition(List.of("1", "x", "3").iterator(), raw -> {
            decoded.add(raw);
            return raw.chars().allMatch(Character::isDigit) ? Envelope.of(Integer.parseInt(raw)) : null;
        });
        assertThat(it.next().value()).isEqualTo(2);
        assertThat(decoded).as("lazily: one input at a time").containsExactly("1");
        List<Integer> rest = new ArrayList<>();
        it.forEachRemaining(e -> rest.add(e.value()));
        assertThat(rest).containsExactly(6);
        assertThat(decoded).containsExactly("1", "x", "3");
    }

    @Test
    void processPartitionOfEnvelopesRefusesANullOneInsteadOfPassingItOver() {
        TransformRunner<Integer, Integer> r = runner((in, out) -> out.emit(in), noWait());
        Iterator<Envelope<Integer>> it = r.processPartition(Arrays.asList(Envelope.of(1), null).iterator());
        assertThat(it.next().value()).isEqualTo(1);
        assertThatThrownBy(it::hasNext).isInstanceOf(NullPointerException.class).hasMessageContaining("input envelope");
    }
}
