package dev.sluice.kafka;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.DataException;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.error.Stage;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.TransactionalSinkWriter;
import dev.sluice.api.source.SourceCommit;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TransactionAbortedException;

/**
 * A {@link KafkaSink} writer. Sends are asynchronous; {@link #flush} waits for every
 * acknowledgement, then applies the sink-stage policy to each record that failed: one Kafka
 * rejects as data (too large, invalid) is dead-lettered by default, while a failure that outlasted
 * the producer's own retries ({@code delivery.timeout.ms}) fails the pipeline by default.
 *
 * <p>Transactional mode: a transaction opens with the first write. {@link #flush} commits it (so
 * flushed records are visible to {@code read_committed} readers), or the runtime commits it with
 * the consumer offsets of a {@link KafkaSourceReader} through {@link #commit} for exactly-once.
 */
public final class KafkaSinkWriter<T> implements TransactionalSinkWriter<T> {

    private record Rejected(Envelope<?> envelope, Exception cause) {}

    private final KafkaSink<T> sink;
    private final FailureHandler failures;
    private final PipelineListener metrics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String component;
    private final Queue<Rejected> rejected = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private boolean inTransaction;
    private boolean closed;

    KafkaSinkWriter(KafkaSink<T> sink, SinkContext context) {
        this.sink = sink;
        this.failures = context.failures();
        this.metrics = context.metrics();
        this.component = "kafka-sink:" + sink.topic();
        String txId = sink.transactional() ? sink.transactionalIdPrefix() + "-" + context.subtask() : null;
        this.producer = KafkaClients.producer(sink.bootstrapServers(), sink.properties(), txId);
        if (txId != null) {
            producer.initTransactions();
        }
    }

    @Override
    public void write(Envelope<T> record) {
        if (closed) {
            throw new IllegalStateException(component + " writer is closed");
        }
        if (record == null) {
            throw new NullPointerException("record must not be null");
        }
        FailureHandler.Outcome<byte[]> encoded = failures.run(Stage.SINK, component, record, () -> sink.codec().encode(record.value()));
        if (!encoded.succeeded()) {
            return;
        }
        if (sink.transactional() && !inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
        ProducerRecord<byte[], byte[]> pr = new ProducerRecord<>(sink.topic(), null, record.eventTime().toEpochMilli(),
                record.key(), encoded.value(), KafkaClients.toKafka(record.headers()));
        pending.incrementAndGet();
        try {
            producer.send(pr, (meta, e) -> {
                // A record of an aborted transaction is not a failed send: the runtime reads it again.
                if (e != null && !(e instanceof TransactionAbortedException)) {
                    rejected.add(new Rejected(record, e));
                }
                pending.decrementAndGet();
            });
        } catch (KafkaException e) {
            pending.decrementAndGet();
            rejected.add(new Rejected(record, e));
        }
        metrics.onRecordsOut(component, 1);
    }

    @Override
    public void flush() {
        if (closed) {
            throw new IllegalStateException(component + " writer is closed");
        }
        long start = System.nanoTime();
        producer.flush();
        concludeRejected();
        if (inTransaction) {
            commitOrAbort(() -> producer.commitTransaction());
        }
        metrics.onLatency(component + ":flush", System.nanoTime() - start);
    }

    /** Sent records Kafka has not acknowledged yet. */
    @Override
    public long pendingRecords() {
        return pending.get();
    }

    /**
     * Exactly-once: flushes, then commits the open transaction together with the consumer offsets
     * of the records that produced its output (a {@link KafkaSourceReader}'s prepared commit). Fails
     * if the sink is not transactional.
     */
    @Override
    public void commit(SourceCommit source) {
        KafkaSourceCommit offsets = KafkaSourceCommit.of(source);
        if (!sink.transactional()) {
            throw new IllegalStateException(component + " is not transactional: set a transactionalIdPrefix (or use forTransactions)");
        }
        producer.flush();
        concludeRejected();
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
        commitOrAbort(() -> {
            producer.sendOffsetsToTransaction(offsets.offsets(), offsets.group());
            producer.commitTransaction();
        });
    }

    /** Drops the open transaction's records; readers with {@code read_committed} never see them. */
    @Override
    public void abort() {
        if (inTransaction) {
            inTransaction = false;
            producer.abortTransaction();
        }
    }

    private void commitOrAbort(Runnable commit) {
        try {
            commit.run();
            inTransaction = false;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            // A newer instance with our transactional id took over: this one must stop, not retry.
            inTransaction = false;
            throw new PipelineException(component + ": producer fenced by a newer instance of the same transactional id", e);
        } catch (KafkaException e) {
            abortQuietly(e);
            throw new RetriableException(component + ": transaction commit failed and was aborted: " + e.getMessage(), e);
        }
    }

    private void abortQuietly(KafkaException cause) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            cause.addSuppressed(e);
        } finally {
            inTransaction = false;
        }
    }

    /** Sends that failed after the producer's retries: data rejections are dead-lettered by default. */
    private void concludeRejected() {
        for (Rejected r; (r = rejected.poll()) != null; ) {
            RuntimeException cause = classify(r.cause());
            if (!(cause instanceof DataException || cause instanceof RetriableException)) {
                throw cause; // authorization, fencing, configuration: no record-level decision helps
            }
            failures.concludeRetried(Stage.SINK, component, r.envelope(), cause);
        }
    }

    private RuntimeException classify(Exception e) {
        if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException || e instanceof InvalidRecordException) {
            return new DataException(component + ": Kafka rejected the record: " + e.getMessage(), e);
        }
        if (e instanceof org.apache.kafka.common.errors.RetriableException) {
            return new RetriableException(component + ": send failed after the producer's retries: " + e.getMessage(), e);
        }
        return new PipelineException(component + ": send failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            abort();
        } catch (KafkaException e) {
            // A fenced or broken producer cannot abort; its open transaction times out on the broker.
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
