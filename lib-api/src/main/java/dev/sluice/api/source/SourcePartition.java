package dev.sluice.api.source;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import java.io.Serializable;

/**
 * One ordered share of a source's data: a Kafka topic partition, or any stream whose records carry
 * increasing offsets. Records of a partition are read and written in offset order, which is what
 * lets a runtime commit a partition up to an offset and a sink say up to where it is durable.
 *
 * @param topic     the stream's name (a Kafka topic)
 * @param partition the partition number within it, zero-based
 */
@Public
public record SourcePartition(String topic, int partition) implements Serializable {

    public SourcePartition {
        Require.nonBlank(topic, "topic");
        Require.atLeast(partition, 0, "partition");
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
