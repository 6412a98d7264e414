package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformTest {

    private static <I, O> List<O> run(Transform<I, O> t, I value) {
        List<O> out = new ArrayList<>();
        t.apply(Envelope.of(value), e -> out.add(e.value()));
        return out;
    }

    @Test
    void mapFilterAndFlatMap() {
        assertThat(run(Transform.<String, Integer>map(String::length), "abc")).containsExactly(3);
        assertThat(run(Transform.<Integer>filter(i -> i > 2), 3)).containsExactly(3);
        assertThat(run(Transform.<Integer>filter(i -> i > 2), 1)).isEmpty();
        assertThat(run(Transform.<String, String>flatMap(s -> List.of(s.split(","))), "a,b,c")).containsExactly("a", "b", "c");
        assertThat(run(Transform.<String, String>flatMap(s -> null), "x")).isEmpty();
    }

    @Test
    void andThenFeedsEveryOutputOfTheFirstToTheSecond() {
        Transform<String, Integer> chain = Transform.<String, String>flatMap(s -> List.of(s.split(",")))
                .andThen(Transform.map(String::length))
                .andThen(Transform.filter(n -> n > 1));
        assertThat(run(chain, "a,bb,ccc")).containsExactly(2, 3);
    }

    @Test
    void andThenOpensBothAndClosesInReverse() {
        List<String> events = new ArrayList<>();
        Transform<String, String> chain = new Recording("first", events).andThen(new Recording("second", events));
        chain.open(TransformContext.of("p", "t"));
        chain.close();
        assertThat(events).containsExactly("open first", "open second", "close second", "close first");
    }

    @Test
    void transformsBuiltFromLambdasSurviveJavaSerialization() throws Exception {
        Transform<String, Integer> t = Transform.<String, String>map(String::trim).andThen(Transform.map(String::length));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        @SuppressWarnings("unchecked")
        Transform<String, Integer> copy = (Transform<String, Integer>) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertThat(run(copy, "  four ")).containsExactly(4);
    }

    @Test
    void contextRejectsBadValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TransformContext("p", "t", -1))
                .hasMessage("taskIndex must be >= 0, got -1");
    }

    private record Recording(String name, List<String> events) implements Transform<String, String> {
        @Override
        public void open(TransformContext context) {
            events.add("open " + name);
        }

        @Override
        public void apply(Envelope<String> in, Emitter<String> out) {
            out.emit(in);
        }

        @Override
        public void close() {
            events.add("close " + name);
        }
    }
}
