package dev.sluice.kafka;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.error.Stage;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.source.PartitionListener;
import dev.sluice.api.source.ReaderWokenUpException;
import dev.sluice.api.source.SourceCommit;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourcePartition;
import dev.sluice.api.source.TransactionalSourceReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer-group member of a {@link KafkaSource}.
 *
 * <p>Commits: {@link #commit} commits, per partition, the offset after the highest position given
 * (synchronously). Records this reader dead-lettered or skipped while decoding are never handed
 * out, so it commits past them itself: past those directly after the last record it returned once
 * that record is committed, and past a partition's dead letters when every record it returned from
 * that partition is committed. The dead-letter sink is flushed by the runtime before it commits
 * (the {@link dev.sluice.api.source.SourceReader} contract), so a record is committed only once it is safe somewhere.
 *
 * <p>Rebalance: before partitions are revoked the reader tells the context's
 * {@link PartitionListener} (the runtime flushes its sinks and commits there, so no processed record
 * is read again by the next owner), then forgets the partitions. Pausing pauses every owned
 * partition, and partitions assigned while paused are paused at once. Not thread-safe, like
 * KafkaConsumer (except {@link #wakeup}).
 */
public final class KafkaSourceReader<T> implements TransactionalSourceReader<T> {

    private static final Logger log = LoggerFactory.getLogger(KafkaSourceReader.class);

    /** What was handed out and committed in one partition, by record offset (-1: none). */
    private static final class Progress {
        long firstPolled = -1;
        long lastReturned = -1;
        long droppedTail = -1;
        long committed = -1;
    }

    private final KafkaSource<T> source;
    private final FailureHandler failures;
    private final PipelineListener metrics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String component;
    private final Map<TopicPartition, Progress> progress = new HashMap<>();
    private final PartitionListener partitions;
    private boolean paused;
    private final ConsumerLag lag;
    private boolean closed;

    KafkaSourceReader(KafkaSource<T> source, SourceContext context) {
        this.source = source;
        this.failures = context.failures();
        this.metrics = context.metrics();
        this.lag = new ConsumerLag(context.metricGroup());
        this.component = "kafka-source:" + String.join(",", source.topics());
        this.partitions = context.partitions();
        Map<String, String> properties = source.properties();
        if (context.memberId() != null && !properties.containsKey("group.instance.id")) {
            properties = new HashMap<>(properties);
            properties.put("group.instance.id", context.memberId());
        }
        this.consumer = KafkaClients.consumer(source.bootstrapServers(), source.groupId(), properties, source.readCommitted());
        consumer.subscribe(source.topics(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                revoke(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                // Another member may own them already: committing now could rewind its progress.
                partitions.forEach(progress::remove);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                log.info("{}: assigned {}", component, assigned);
                reportDeleted(assigned);
                if (paused) {
                    consumer.pause(assigned);
                }
            }
        });
    }

    @Override
    public List<Envelope<T>> poll(Duration timeout) {
        ensureOpen();
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (WakeupException e) {
            throw new ReaderWokenUpException(component + ": woken up", e);
        }
        List<Envelope<T>> out = new ArrayList<>(records.count());
        for (TopicPartition tp : records.partitions()) {
            // One progress lookup per partition and poll, not per record: this is the hot path.
            Progress p = progress.computeIfAbsent(tp, k -> new Progress());
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                Envelope<Object> raw = Envelope.of(null, r.key(), KafkaClients.fromKafka(r.headers()),
                        new Position.Kafka(r.topic(), r.partition(), r.offset()), Instant.ofEpochMilli(Math.max(0, r.timestamp())), r.value());
                FailureHandler.Outcome<T> decoded = failures.run(Stage.DESERIALIZE, component, raw, () -> source.codec().decode(r.value()));
                if (p.firstPolled < 0) {
                    p.firstPolled = r.offset();
                }
                if (decoded.succeeded()) {
                    out.add(raw.withValue(decoded.value()));
                    p.lastReturned = r.offset();
                    p.droppedTail = -1;
                } else {
                    p.droppedTail = r.offset();
                }
            }
        }
        if (!records.isEmpty()) {
            metrics.onRecordsIn(component, records.count());
            metrics.onRecordsOut(component, out.size());
        }
        lag.report(consumer);
        return out;
    }

    @Override
    public void commit(Collection<? extends Position> positions) {
        ensureOpen();
        Map<TopicPartition, OffsetAndMetadata> offsets = offsetsFor(positions);
        if (offsets.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            throw new ReaderWokenUpException(component + ": woken up during a commit", e);
        } catch (org.apache.kafka.common.errors.RetriableException e) {
            throw new RetriableException(component + ": commit of " + offsets + " failed: " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new PipelineException(component + ": commit of " + offsets + " failed: " + e.getMessage(), e);
        }
        markCommitted(offsets);
        metrics.onCommit(offsets.size(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** The offsets and the group's metadata, for {@link KafkaSinkWriter#commit} to send in its transaction. */
    @Override
    public Optional<SourceCommit> prepareCommit(Collection<? extends Position> positions) {
        ensureOpen();
        Map<TopicPartition, OffsetAndMetadata> offsets = offsetsFor(positions);
        return offsets.isEmpty() ? Optional.empty() : Optional.of(new KafkaSourceCommit(offsets, consumer.groupMetadata()));
    }

    @Override
    public void committed(SourceCommit commit) {
        markCommitted(KafkaSourceCommit.of(commit).offsets());
    }

    /**
     * The offsets that committing {@code positions} means, including the dead letters this reader
     * skipped past (see the class comment); nothing for partitions already committed that far.
     */
    private Map<TopicPartition, OffsetAndMetadata> offsetsFor(Collection<? extends Position> positions) {
        Map<TopicPartition, Long> highest = new HashMap<>();
        for (Position pos : positions) {
            if (pos instanceof Position.Kafka k) {
                highest.merge(new TopicPartition(k.topic(), k.partition()), k.offset(), Math::max);
            } else {
                throw new IllegalArgumentException("KafkaSourceReader can only commit Kafka positions, got " + pos.describe());
            }
        }
        highest.forEach((tp, offset) -> {
            if (!progress.containsKey(tp)) {
                log.info("{}: not committing {}@{}: partition no longer assigned", component, tp, offset);
            }
        });
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((tp, p) -> {
            long target = target(p, highest.get(tp));
            if (target > p.committed) {
                offsets.put(tp, new OffsetAndMetadata(target + 1));
            }
        });
        return offsets;
    }

    /** Records that these offsets are committed (by {@link #commit} or in a producer transaction). */
    private void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            Progress p = progress.get(tp);
            if (p != null) {
                p.committed = Math.max(p.committed, o.offset() - 1);
            }
        });
    }

    /**
     * Seeks every owned partition back to just after its last committed record (or to the first
     * record polled, when none was committed), so everything not yet committed is read again. The
     * runtime calls it after a sink failed, instead of losing the records in flight.
     */
    @Override
    public void rewind() {
        ensureOpen();
        progress.forEach((tp, p) -> {
            long from = p.committed >= 0 ? p.committed + 1 : p.firstPolled;
            if (from >= 0 && consumer.assignment().contains(tp)) {
                consumer.seek(tp, from);
                log.info("{}: rewound {} to offset {}", component, tp, from);
            }
            p.lastReturned = p.committed;
            p.droppedTail = -1;
        });
    }

    @Override
    public Set<SourcePartition> assignment() {
        Set<SourcePartition> owned = new HashSet<>();
        consumer.assignment().forEach(tp -> owned.add(new SourcePartition(tp.topic(), tp.partition())));
        return owned;
    }

    @Override
    public void pause() {
        paused = true;
        consumer.pause(consumer.assignment());
    }

    @Override
    public void resume() {
        paused = false;
        consumer.resume(consumer.paused());
    }

    @Override
    public int pausedPartitions() {
        return consumer.paused().size();
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    /** The record offset to commit through for one partition, given the highest processed one (or null). */
    private static long target(Progress p, Long given) {
        if (given != null) {
            return given == p.lastReturned && p.droppedTail > given ? p.droppedTail : given;
        }
        boolean allReturnedCommitted = p.lastReturned <= p.committed;
        return allReturnedCommitted && p.droppedTail > p.committed ? p.droppedTail : -1;
    }

    private void revoke(Collection<TopicPartition> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        log.info("{}: partitions revoked {}", component, revoked);
        Set<SourcePartition> leaving = new HashSet<>();
        revoked.forEach(tp -> leaving.add(new SourcePartition(tp.topic(), tp.partition())));
        try {
            partitions.beforeRevoke(leaving);
        } finally {
            revoked.forEach(progress::remove);
        }
    }

    /**
     * Kafka resets a position that retention deleted to the log start and says so at INFO only:
     * compares each assigned partition's committed offset with its log start, so records deleted
     * before the group read them are a WARN and a metric, never silent. Two requests per
     * rebalance; a failure to ask is logged and does not stop the assignment.
     */
    private void reportDeleted(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(assigned));
            Map<TopicPartition, Long> start = consumer.beginningOffsets(assigned);
            committed.forEach((tp, c) -> {
                Long first = start.get(tp);
                if (c != null && first != null && first > c.offset()) {
                    long lost = first - c.offset();
                    log.warn("{}: {} records of {} (offsets {} to {}) were deleted by the broker (retention) before this group read them;"
                            + " reading on from offset {}", component, lost, tp, c.offset(), first - 1, first);
                    metrics.onRecordsDeleted(tp.topic(), tp.partition(), lost);
                }
            });
        } catch (KafkaException e) {
            log.warn("{}: could not compare the committed offsets of {} with the log start: {}", component, assigned, e.toString());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(component + " reader is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            // Leaving the group revokes the partitions (the beforeRevoke hook may still commit) and
            // hands them over at once, also for static members (group.instance.id), which would
            // otherwise keep them until their session times out.
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } finally {
            closed = true;
        }
    }
}
