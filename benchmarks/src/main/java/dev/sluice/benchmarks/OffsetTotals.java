package dev.sluice.benchmarks;

import dev.sluice.embedded.KafkaService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Offsets summed over a topic's partitions, as the benches' progress and their output checks read them. */
final class OffsetTotals {

    private OffsetTotals() {}

    /** The sum of {@code topic}'s end offsets: its records, counting transaction markers and aborted records too. */
    static long end(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** {@link #end(Admin, String)} through an admin client of its own. */
    static long end(KafkaService kafka, String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            return end(admin, topic);
        }
    }

    /** The sum of the offsets {@code group} has committed, over every partition it has committed for. */
    static long committedBy(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }
}
