package dev.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static Position.Kafka at(int partition, long offset) {
        return new Position.Kafka("t", partition, offset);
    }

    @Test
    void withoutLimitsEverythingIsCommitted() {
        List<Position> uncommitted = new ArrayList<>(List.of(at(0, 1), at(0, 2)));
        assertThat(Retention.split(uncommitted, Map.of())).containsExactly(at(0, 1), at(0, 2));
        assertThat(uncommitted).isEmpty();
    }

    @Test
    void positionsAtOrPastALimitWaitCompactedToOnePerPartition() {
        List<Position> uncommitted = new ArrayList<>(List.of(at(0, 5), at(0, 9), at(0, 10), at(0, 11), at(1, 3), at(1, 4)));
        List<Position> commit = Retention.split(uncommitted, Map.of(new TopicPartition("t", 0), 10L));
        assertThat(commit).containsExactlyInAnyOrder(at(0, 9), at(1, 4));
        assertThat(uncommitted).containsExactly(at(0, 11));
    }
}
