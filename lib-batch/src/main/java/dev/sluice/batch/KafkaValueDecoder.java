package dev.sluice.batch;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.Transform;
import dev.sluice.api.TransformContext;
import dev.sluice.api.TransformRunner;
import dev.sluice.api.codec.Codec;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.Stage;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The Spark side of {@link StreamingJob}: decodes Kafka values with a sluice-api {@link Codec}
 * (Confluent wire format with a registry, single-object Avro...), runs the transform through
 * {@link TransformRunner#processPartition}, and emits the output records as rows. Records that do
 * not decode or fail the transform go to a Kafka dead-letter topic with their raw bytes and the
 * {@code sluice.dlq.*} headers (source topic, partition, offset, stage, reason), flushed before
 * the partition's task ends.
 */
final class KafkaValueDecoder implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    // The columns of Spark's Kafka source, by position: a name lookup per column and record showed in profiles.
    private static final int KEY = 0;
    private static final int VALUE = 1;
    private static final int TOPIC = 2;
    private static final int PARTITION = 3;
    private static final int OFFSET = 4;
    private static final int TIMESTAMP = 5;

    private final String job;
    private final Codec<GenericRecord> codec;
    private final Transform<GenericRecord, GenericRecord> transform;
    private final String outputSchema;
    private final ErrorPolicies policies;
    private final String bootstrapServers;
    private final String deadLetterTopic;
    private final HashMap<String, String> kafkaSettings; // a HashMap: serializable with the function

    KafkaValueDecoder(String job, Codec<GenericRecord> codec, Transform<GenericRecord, GenericRecord> transform, Schema output,
                    ErrorPolicies policies, String bootstrapServers, String deadLetterTopic, Map<String, String> kafkaSettings) {
        this.job = job;
        this.codec = codec;
        this.transform = transform;
        this.outputSchema = output.toString();
        this.policies = policies;
        this.bootstrapServers = bootstrapServers;
        this.deadLetterTopic = deadLetterTopic;
        this.kafkaSettings = new HashMap<>(kafkaSettings);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Schema out = new Schema.Parser().parse(outputSchema);
        int partition = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
        KafkaDeadLetterSink dlq = DeadLetterTopic.named(deadLetterTopic).withBootstrapServers(bootstrapServers).withPipeline(job).withProducerProperties(kafkaSettings).open();
        FailureHandler failures = new FailureHandler(job, policies, dlq, PipelineListener.noop());
        TransformRunner<GenericRecord, GenericRecord> runner = TransformRunner.open(transform, new TransformContext(job, "transform", partition), failures,
                PipelineListener.noop());
        String component = "spark-kafka-source:" + job;
        Iterator<Envelope<GenericRecord>> outputs = runner.processPartition(rows, r -> {
            byte[] value = r.getAs(VALUE);
            byte[] key = r.getAs(KEY);
            Position pos = new Position.Kafka(r.getAs(TOPIC), r.getInt(PARTITION), r.getLong(OFFSET));
            Instant ts = r.<java.sql.Timestamp>getAs(TIMESTAMP).toInstant();
            Envelope<byte[]> raw = Envelope.of(value, key, EnvelopeHeaders.empty(), pos, ts, value);
            FailureHandler.Outcome<GenericRecord> v = failures.run(Stage.DESERIALIZE, component, raw, () -> codec.decode(value));
            return v.succeeded() ? raw.withValue(v.value()) : null;
        });
        Function<GenericRecord, Row> toRow = RowAvro.rows(out);
        return new TaskOutput<>(outputs, e -> toRow.apply(e.value()), () -> {
            dlq.flush(); // the micro-batch commits only after this task returns
            dlq.close();
        });
    }
}
