package dev.sluice.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.source.PartitionListener;
import dev.sluice.api.source.SourceContext;
import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.kafka.KafkaSourceReader;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commit on revoke: a member that processed records but had not committed them yet commits in its
 * beforeRevoke hook when a second member joins, so the partitions' next owner does not read them again.
 */
class RebalanceIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    private final AvroCodec<PageView> codec = AvroCodec.specific(PageView.class);

    @Test
    void processedRecordsAreCommittedWhenPartitionsAreRevoked() {
        String topic = Fixtures.topic("rebalance");
        KAFKA.get().createTopic(topic, 4);
        Topics.produceValues(KAFKA.get(), topic, IntStream.range(0, 400).mapToObj(i -> codec.encode(Fixtures.pageView(i))).toList());
        KafkaSource<PageView> source = KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId("rebalance-" + topic).withTopics(topic)
                .withProperty("max.poll.records", "50");

        List<String> seenByA = new ArrayList<>();
        List<String> seenByB = new ArrayList<>();
        List<Position> processedNotCommitted = new ArrayList<>();
        int[] revokes = {0};
        AtomicReference<KafkaSourceReader<PageView>> reader = new AtomicReference<>();
        PartitionListener beforeRevoke = partitions -> {
            revokes[0]++;
            reader.get().commit(processedNotCommitted);   // what a runtime does after flushing its sinks
            processedNotCommitted.clear();
        };
        try (KafkaSourceReader<PageView> a = source.createReader(context(beforeRevoke))) {
            reader.set(a);
            // A processes some records and never commits outside the hook.
            while (seenByA.size() < 100) {
                for (Envelope<PageView> e : a.poll(Duration.ofMillis(200))) {
                    seenByA.add(e.value().getEventId());
                    processedNotCommitted.add(e.position());
                }
            }
            try (KafkaSourceReader<PageView> b = source.createReader(context(PartitionListener.NONE))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                // Both keep polling: B's join makes A revoke (and commit) before the group settles.
                while (seenByA.size() + seenByB.size() < 400 && System.nanoTime() < deadline) {
                    for (Envelope<PageView> e : a.poll(Duration.ofMillis(100))) {
                        seenByA.add(e.value().getEventId());
                        processedNotCommitted.add(e.position());
                    }
                    b.poll(Duration.ofMillis(100)).forEach(e -> seenByB.add(e.value().getEventId()));
                }
            }
        }

        assertThat(revokes[0]).as("A saw its partitions revoked").isPositive();
        Set<String> all = IntStream.range(0, 400).mapToObj(i -> "e-" + i).collect(Collectors.toSet());
        Set<String> union = new HashSet<>(seenByA);
        union.addAll(seenByB);
        assertThat(union).as("nothing lost").isEqualTo(all);
        assertThat(seenByA.size() + seenByB.size()).as("no record read twice after a clean rebalance").isEqualTo(400);
    }

    private static SourceContext context(PartitionListener partitions) {
        return new SourceContext(new FailureHandler("rebalance", Fixtures.fastPolicies(), new CollectingDeadLetterSink(), PipelineListener.noop()),
                PipelineListener.noop(), partitions, null);
    }
}
