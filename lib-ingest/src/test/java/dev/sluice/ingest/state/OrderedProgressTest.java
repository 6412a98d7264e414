package dev.sluice.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderedProgressTest {

    /** Remembers every put, in order. */
    private static final class Recording implements StateStore {
        final List<String> puts = new ArrayList<>();
        final Map<String, String> values = new HashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void put(String key, String value) {
            puts.add(value);
            values.put(key, value);
        }

        @Override
        public void close() {}
    }

    private final Recording store = new Recording();
    private final OrderedProgress<Integer> progress = new OrderedProgress<>(store, "src", i -> "after-" + i);

    private static Position at(int i) {
        return new Position.Log("src", Integer.toString(i));
    }

    @Test
    void storesOnlyTheStateOfTheLongestCommittedPrefix() {
        for (int i = 1; i <= 4; i++) {
            progress.read(at(i), i);
        }
        progress.commit(List.of(at(2), at(3)));
        assertThat(store.puts).isEmpty(); // 1 is still open: storing 3 would skip it after a restart
        progress.commit(List.of(at(1)));
        assertThat(store.puts).containsExactly("after-3");
        assertThat(progress.pending()).isEqualTo(1);
    }

    @Test
    void recordsFinishedByTheReaderCountAsDone() {
        progress.read(at(1), 1);
        progress.finished(2); // dead-lettered
        progress.finished(3); // end of a listing
        progress.store();
        assertThat(store.puts).isEmpty();
        progress.commit(List.of(at(1)));
        assertThat(store.puts).containsExactly("after-3");
    }

    @Test
    void unknownOrRepeatedPositionsChangeNothing() {
        progress.read(at(1), 1);
        progress.commit(List.of(at(1)));
        progress.commit(List.of(at(1), at(9)));
        assertThat(store.puts).containsExactly("after-1");
    }
}
