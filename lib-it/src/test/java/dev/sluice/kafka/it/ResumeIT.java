package dev.sluice.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.RecordingListener;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
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
        KafkaSource<PageView> source = KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId("resume-" + topic).withTopics(topic);

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

    @Test
    void recordsTheBrokerDeletedBeforeTheGroupReadThemAreReportedWhenItResumes() throws Exception {
        String topic = Fixtures.topic("deleted");
        KAFKA.get().createTopic(topic, 1);
        produce(topic, 0, 100);
        KafkaSource<PageView> source = KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId("deleted-" + topic).withTopics(topic);
        try (SourceReader<PageView> r = source.createReader(context())) {
            List<Envelope<PageView>> first = new ArrayList<>();
            while (first.size() < 10) {
                first.addAll(r.poll(Duration.ofMillis(200)));
            }
            r.commit(first.subList(0, 10).stream().map(Envelope::position).toList());
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = KAFKA.get().admin()) {
            // What retention does to old segments, done at once.
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(50))).all().get(30, TimeUnit.SECONDS);
        }

        RecordingListener listener = new RecordingListener();
        List<Envelope<PageView>> resumed = new ArrayList<>();
        FailureHandler failures = new FailureHandler("deleted", Fixtures.fastPolicies(), new CollectingDeadLetterSink(), listener);
        try (SourceReader<PageView> r = source.createReader(SourceContext.of(failures, listener))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (resumed.size() < 50 && System.nanoTime() < deadline) {
                resumed.addAll(r.poll(Duration.ofMillis(200)));
            }
        }
        assertThat(((Position.Kafka) resumed.get(0).position()).offset()).as("Kafka resumes at the log start").isEqualTo(50);
        assertThat(listener.recordsDeleted(topic + "-0")).as("offsets 10 to 49, deleted unread, reported").isEqualTo(40);
    }

    /** Positions of a prefix of one poll: per partition that is a prefix too, because polls keep partition order. */
    private static List<Position> positionsPrefix(List<Envelope<PageView>> head) {
        return head.stream().map(Envelope::position).toList();
    }

    private void produce(String topic, int from, int to) {
        Topics.produceValues(KAFKA.get(), topic, IntStream.range(from, to).mapToObj(i -> codec.encode(Fixtures.pageView(i))).toList());
    }

    private static SourceContext context() {
        return SourceContext.of(new FailureHandler("resume", Fixtures.fastPolicies(), new CollectingDeadLetterSink(), PipelineListener.noop()),
                PipelineListener.noop());
    }
}
