package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Position;
import dev.sluice.api.source.SourcePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetainingWritersTest {

    private static final SourcePartition P0 = new SourcePartition("t", 0);

    private static Position.Kafka at(int partition, long offset) {
        return new Position.Kafka("t", partition, offset);
    }

    private static List<Position> range(int partition, long from, long to) {
        List<Position> all = new ArrayList<>();
        for (long o = from; o <= to; o++) {
            all.add(at(partition, o));
        }
        return all;
    }

    @Test
    void withoutLimitsEverythingIsCommitted() {
        List<Position> uncommitted = new ArrayList<>(List.of(at(0, 1), at(0, 2)));
        assertThat(RetainingWriters.split(uncommitted, Map.of())).containsExactly(at(0, 1), at(0, 2));
        assertThat(uncommitted).isEmpty();
    }

    @Test
    void positionsAtOrPastALimitWaitCompactedToOnePerPartitionWhileEverythingBelowTheLimitIsCommitted() {
        List<Position> uncommitted = new ArrayList<>(List.of(at(0, 5), at(0, 9), at(0, 10), at(0, 11), at(1, 3), at(1, 4)));
        List<Position> commit = RetainingWriters.split(uncommitted, Map.of(P0, 10L));
        assertThat(commit).containsExactlyInAnyOrder(at(0, 9), at(1, 4));
        assertThat(uncommitted).containsExactly(at(0, 11));
    }

    /**
     * The stall found under load: a segment of 100-149 is uploading while 150-199 were read. The
     * first commit may commit nothing of partition 0 (the limit is the segment's start); once the
     * segment is durable the limit is the open segment's start, 150, and 100-149 must be committed
     * although only 199 was kept. Before the fix nothing was committed until the writer held nothing.
     */
    @Test
    void aLimitThatRisesAfterTheCompactionCommitsUpToTheNewLimit() {
        List<Position> uncommitted = new ArrayList<>(range(0, 100, 199));
        List<Position> first = RetainingWriters.split(uncommitted, Map.of(P0, 100L));
        assertThat(first).as("everything below 100 was committed before").containsExactly(at(0, 99));
        assertThat(uncommitted).containsExactly(at(0, 199));

        assertThat(RetainingWriters.split(uncommitted, Map.of(P0, 150L))).as("100-149 durable").containsExactly(at(0, 149));
        assertThat(uncommitted).containsExactly(at(0, 199));
        assertThat(RetainingWriters.split(uncommitted, Map.of(P0, 150L))).as("again: nothing new, the same place").containsExactly(at(0, 149));

        uncommitted.addAll(range(0, 200, 220));
        assertThat(RetainingWriters.split(uncommitted, Map.of(P0, 210L))).containsExactly(at(0, 209));
        assertThat(uncommitted).containsExactly(at(0, 220));
        assertThat(RetainingWriters.split(uncommitted, Map.of(new SourcePartition("t", 1), 5L))).as("partition 0 holds nothing any more")
                .containsExactly(at(0, 220));
        assertThat(uncommitted).isEmpty();
    }

    @Test
    void aLimitAtTheFirstOffsetCommitsNothingOfThatPartition() {
        List<Position> uncommitted = new ArrayList<>(range(0, 0, 9));
        assertThat(RetainingWriters.split(uncommitted, Map.of(P0, 0L))).isEmpty();
        assertThat(uncommitted).containsExactly(at(0, 9));
    }

    @Test
    void theSamePositionsCommitTheSameWhetherCompactedOrNot() {
        List<Position> compacted = new ArrayList<>(range(0, 100, 199));
        RetainingWriters.split(compacted, Map.of(P0, 100L));
        List<Position> whole = new ArrayList<>(range(0, 100, 199));
        assertThat(RetainingWriters.split(compacted, Map.of(P0, 150L))).isEqualTo(RetainingWriters.split(whole, Map.of(P0, 150L)));
        assertThat(compacted).isEqualTo(whole);
    }
}
