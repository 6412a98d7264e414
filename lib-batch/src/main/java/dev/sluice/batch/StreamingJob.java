package dev.sluice.batch;

import dev.sluice.api.Require;
import dev.sluice.api.Transform;
import dev.sluice.api.codec.Codec;
import dev.sluice.api.error.ErrorPolicies;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Spark Structured Streaming over Sluice {@link Transform}s: reads a Kafka topic, decodes each
 * value with a sluice-api {@link Codec} (the Confluent wire format through the registry, for
 * example), applies the transforms, and writes Hive-layout Parquet with Spark's file sink under a
 * checkpoint. Exactly-once output, as Spark's file sink gives it: files are listed in
 * {@code <output>/_spark_metadata} when their micro-batch commits, and Spark's reader (or any
 * reader that honours that log) sees each record once, also across a stop and a restart from the
 * checkpoint; a reader listing raw files may see the leftovers of a batch that failed. Records
 * that fail go to a Kafka dead-letter topic (at least once: a retried task sends its failures again).
 *
 * @param name            the query's name
 * @param bootstrapServers the Kafka cluster (also for the dead letters)
 * @param topic           the topic read
 * @param codec           decodes the topic's values (serializable; registry clients rebuild lazily)
 * @param transform       the transform chain
 * @param outputSchema    the Avro schema of the transform's output
 * @param outputPath      the table written
 * @param partitionBy     output columns that become directories
 * @param checkpoint      the checkpoint location (offsets and commits of the query)
 * @param deadLetterTopic where failed records go
 * @param policies        the error policies (deserialize and transform stages)
 * @param maxOffsetsPerTrigger records read per micro-batch at most; 0 for no bound
 * @param sql             a SQL step over the transformed records (a streaming view); null for none
 */
public record StreamingJob(String name, String bootstrapServers, String topic, Codec<GenericRecord> codec,
                           Transform<GenericRecord, GenericRecord> transform, Schema outputSchema, String outputPath, List<String> partitionBy,
                           String checkpoint, String deadLetterTopic, ErrorPolicies policies, long maxOffsetsPerTrigger,
                           SqlTransform sql) {

    public StreamingJob {
        Require.nonBlank(name, "name");
        Require.nonBlank(bootstrapServers, "bootstrapServers");
        Require.nonBlank(topic, "topic");
        Require.nonNull(codec, "codec");
        Require.nonNull(transform, "transform");
        Require.nonNull(outputSchema, "outputSchema");
        Require.nonBlank(outputPath, "outputPath");
        partitionBy = List.copyOf(Require.nonNull(partitionBy, "partitionBy"));
        Require.nonBlank(checkpoint, "checkpoint");
        Require.nonBlank(deadLetterTopic, "deadLetterTopic");
        Require.nonNull(policies, "policies");
        Require.atLeast(maxOffsetsPerTrigger, 0, "maxOffsetsPerTrigger");
    }

    public static StreamingJob of(String name, String bootstrapServers, String topic, Codec<GenericRecord> codec,
                                  Transform<GenericRecord, GenericRecord> transform, Schema outputSchema, String outputPath,
                                  List<String> partitionBy, String checkpoint, String deadLetterTopic) {
        return new StreamingJob(name, bootstrapServers, topic, codec, transform, outputSchema, outputPath, partitionBy, checkpoint,
                deadLetterTopic, ErrorPolicies.defaults(), 0, null);
    }

    public StreamingJob withPolicies(ErrorPolicies p) {
        return new StreamingJob(name, bootstrapServers, topic, codec, transform, outputSchema, outputPath, partitionBy, checkpoint,
                deadLetterTopic, p, maxOffsetsPerTrigger, sql);
    }

    public StreamingJob withMaxOffsetsPerTrigger(long n) {
        return new StreamingJob(name, bootstrapServers, topic, codec, transform, outputSchema, outputPath, partitionBy, checkpoint,
                deadLetterTopic, policies, n, sql);
    }

    public StreamingJob withSql(SqlTransform step) {
        return new StreamingJob(name, bootstrapServers, topic, codec, transform, outputSchema, outputPath, partitionBy, checkpoint,
                deadLetterTopic, policies, maxOffsetsPerTrigger, step);
    }

    /**
     * Starts the query with {@code trigger}; from the checkpoint when it has one, else from the
     * topic's earliest offsets (see {@link KafkaTopicStream#read} for a Spark 4.1.1 setting it changes).
     */
    public StreamingQuery start(SparkSession spark, Trigger trigger) {
        return records(spark).writeStream().queryName(name).format("parquet").option("checkpointLocation", checkpoint)
                .partitionBy(partitionBy.toArray(String[]::new)).trigger(trigger).start(outputPath);
    }

    /**
     * Starts the query writing to a Kafka topic instead of files, each micro-batch through
     * {@code foreachBatch}, the records encoded with {@code codec} (the output schema's records).
     * At least once: a micro-batch that is run again after a failure is written again; keep the
     * records' own ids for consumers to drop repeats. Not with a {@link SqlTransform} step.
     */
    public StreamingQuery startToKafka(SparkSession spark, Trigger trigger, String outputTopic, Codec<GenericRecord> outputCodec) {
        if (sql != null) {
            throw new IllegalStateException("streaming job " + name + ": the Kafka output encodes the transform's records; a SQL step changes them");
        }
        Require.nonBlank(outputTopic, "outputTopic");
        KafkaEncode encode = new KafkaEncode(outputSchema, outputCodec);
        VoidFunction2<Dataset<Row>, Long> writeBatch = KafkaTopicStream.writeBatches(bootstrapServers, Map.of(), outputTopic, encode);
        try {
            return records(spark).writeStream().queryName(name).option("checkpointLocation", checkpoint).trigger(trigger)
                    .foreachBatch(writeBatch).start();
        } catch (TimeoutException e) {
            throw new IllegalStateException("streaming job " + name + " did not start: " + e.getMessage(), e);
        }
    }

    /** The topic's records, decoded and transformed (and through the SQL step, if any): a streaming Dataset. */
    private Dataset<Row> records(SparkSession spark) {
        Dataset<Row> out = KafkaTopicStream.read(spark, name, bootstrapServers, topic, codec, transform, outputSchema, policies,
                deadLetterTopic, maxOffsetsPerTrigger, Map.of());
        return sql == null ? out : sql.apply(out);
    }
}
