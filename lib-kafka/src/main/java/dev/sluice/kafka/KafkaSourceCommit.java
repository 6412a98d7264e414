package dev.sluice.kafka;

import dev.sluice.api.source.SourceCommit;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A {@link KafkaSourceReader}'s offsets, prepared for a producer transaction to commit. */
record KafkaSourceCommit(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) implements SourceCommit {

    KafkaSourceCommit {
        offsets = Map.copyOf(offsets);
    }

    static KafkaSourceCommit of(SourceCommit commit) {
        if (commit instanceof KafkaSourceCommit k) {
            return k;
        }
        throw new IllegalArgumentException("a Kafka transaction can only commit the offsets of a KafkaSource, got " + commit);
    }

    @Override
    public int partitions() {
        return offsets.size();
    }
}
