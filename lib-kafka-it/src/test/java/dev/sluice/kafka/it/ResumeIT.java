package dev.sluice.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.KafkaService;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A consumer stopped and restarted resumes after its last committed position, losing nothing. */
class ResumeIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    private final AvroCodec<PageView> codec = AvroCodec.specific(PageView.class);

    @Test
    void aRestartedReaderResumesAfterTheLastCommittedPosition() {
        String topic = Fixtures.topic("resume");
        KAFKA.get().createTopic(topic, 3);
        produce(topic, 0, 1000);
        KafkaSource<PageView> source = KafkaSource.of(KAFKA.get().bootstrapServers(), "resume-" + topic, codec, topic);

        Set<String> committed = new HashSet<>();
        List<String> firstRun = new ArrayList<>();
        try (SourceReader<PageView> r = source.createReader(context())) {
            // Process in batches, committing each only after it is "done", until 600 are committed; then stop.
            while (committed.size() < 600) {
                List<Envelope<PageView>> batch = r.poll(Duration.ofMillis(200));
                batch.forEach(e -> firstRun.add(e.value().getEventId()));
                if (committed.size() + batch.size() <= 600) {
                    r.commit(batch.stream().map(Envelope::position).toList());
                    batch.forEach(e -> committed.add(e.value().getEventId()));
                } else {
                    // the rest of this batch was polled but never committed: it must come back
                    List<Envelope<PageView>> head = batch.subList(0, 600 - committed.size());
                    r.commit(positionsPrefix(head));
                    head.forEach(e -> committed.add(e.value().getEventId()));
                }
            }
        }
        produce(topic, 1000, 1400);

        List<String> secondRun = new ArrayList<>();
        try (SourceReader<PageView> r = source.createReader(context())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (secondRun.size() < 800 && System.nanoTime() < deadline) {
                r.poll(Duration.ofMillis(200)).forEach(e -> secondRun.add(e.value().getEventId()));
            }
            secondRun.addAll(r.poll(Duration.ofMillis(500)).stream().map(e -> e.value().getEventId()).toList());
        }

        Set<String> all = IntStream.range(0, 1400).mapToObj(i -> "e-" + i).collect(Collectors.toSet());
        assertThat(secondRun).doesNotContainAnyElementsOf(committed).hasSize(800);
        Set<String> union = new HashSet<>(committed);
        union.addAll(secondRun);
        assertThat(union).isEqualTo(all);
    }

    /** Positions of a prefix of one poll: per partition that is a prefix too, because polls keep partition order. */
    private static List<Position> positionsPrefix(List<Envelope<PageView>> head) {
        return head.stream().map(Envelope::position).toList();
    }

    private void produce(String topic, int from, int to) {
        Topics.produceValues(KAFKA.get(), topic, IntStream.range(from, to).mapToObj(i -> codec.encode(Fixtures.pageView(i))).toList());
    }

    private static SourceContext context() {
        return new SourceContext(new FailureHandler("resume", Fixtures.fastPolicies(), new CollectingDeadLetterSink(), PipelineListener.noop()));
    }
}
