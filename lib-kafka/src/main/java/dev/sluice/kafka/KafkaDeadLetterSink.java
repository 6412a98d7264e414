package dev.sluice.kafka;

import dev.sluice.api.Require;
import dev.sluice.api.error.DeadLetterHeaders;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.graph.LineageDataset;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Dead letters to a Kafka topic: the record's raw bytes as the value, its key, its own headers, and
 * the {@link DeadLetterHeaders} (source topic, partition, offset, stage, exception class and message).
 * Uses an idempotent acks=all producer; {@link #flush} throws if any dead letter could not be
 * stored, so the runtime never commits past a record that is safe nowhere. Thread-safe.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink {

    private final String topic;
    private final String pipeline;
    private final Clock clock;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Queue<Exception> errors = new ConcurrentLinkedQueue<>();

    private KafkaDeadLetterSink(String bootstrapServers, String topic, String pipeline, Map<String, String> properties, Clock clock) {
        this.topic = Require.nonBlank(topic, "dead-letter topic");
        this.pipeline = Require.nonBlank(pipeline, "pipeline");
        this.clock = clock;
        this.producer = KafkaClients.producer(Require.nonBlank(bootstrapServers, "bootstrapServers"),
                Require.nonNull(properties, "properties"), null);
    }

    /** A dead-letter sink producing to the named topic; see {@link DeadLetterTopic#open()}. */
    public static KafkaDeadLetterSink open(DeadLetterTopic where) {
        return new KafkaDeadLetterSink(where.bootstrapServers(), where.topic(), where.pipeline(), where.producerProperties(), Clock.systemUTC());
    }

    @Override
    public List<LineageDataset> datasets() {
        return List.of(LineageDataset.kafkaTopic(topic, null));
    }

    public String topic() {
        return topic;
    }

    @Override
    public void send(Failure failure) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null, failure.envelope().key(), failure.rawBytes(),
                KafkaClients.toKafka(DeadLetterHeaders.describe(pipeline, failure, clock.instant())));
        try {
            producer.send(record, (meta, e) -> {
                if (e != null) {
                    errors.add(e);
                }
            });
        } catch (KafkaException e) {
            throw new PipelineException("could not dead-letter to " + topic + ": " + failure.describe(), e);
        }
    }

    @Override
    public void flush() {
        producer.flush();
        Exception first = errors.poll();
        if (first != null) {
            int more = errors.size();
            errors.clear();
            String message = "dead letters to " + topic + " failed" + (more > 0 ? " (and " + more + " more)" : "") + ": " + first.getMessage();
            // A retriable cause (the broker timed out) lets the runtime rewind and try again instead of stopping.
            throw first instanceof org.apache.kafka.common.errors.RetriableException
                    ? new RetriableException(message, first) : new PipelineException(message, first);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
