package dev.sluice.batch;

import dev.sluice.api.Transform;
import dev.sluice.api.codec.Codec;
import dev.sluice.api.error.ErrorPolicies;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Kafka topic as a streaming Dataset of a transform's output rows, decoded by a sluice-api codec
 * with failures to a dead-letter topic ({@link KafkaValueDecoder}): the source of {@link StreamingJob}
 * and of {@link StreamingSql}'s streams, and the micro-batch writer both use for Kafka output. From the checkpoint when the query has one, else from the
 * earliest offsets; a lost offset (retention) fails the query rather than skipping. The client
 * settings (security, for example) go to Spark's consumer as {@code kafka.<setting>} and to the
 * dead-letter producer.
 */
final class KafkaTopicStream {

    private KafkaTopicStream() {}

    /**
     * On Spark 4.1.1 this turns the session's V2 Kafka micro-batch reader off (the V1 source reads
     * the same offsets and checkpoints): the V2 reader's progress metrics throw a
     * NullPointerException when a restarted query replays a batch that was planned but not
     * committed (SPARK-55271, fixed after 4.1.1), so a query stopped mid-batch could never restart.
     */
    static Dataset<Row> read(SparkSession spark, String job, String bootstrapServers, String topic, Codec<GenericRecord> codec,
                             Transform<GenericRecord, GenericRecord> transform, Schema outputSchema, ErrorPolicies policies,
                             String deadLetterTopic, long maxOffsetsPerTrigger, Map<String, String> kafkaSettings) {
        if (spark.version().startsWith("4.1.")) {
            spark.conf().set("spark.sql.streaming.disabledV2MicroBatchReaders", "org.apache.spark.sql.kafka010.KafkaSourceProvider");
        }
        var reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("failOnDataLoss", "true");
        for (Map.Entry<String, String> e : kafkaSettings.entrySet()) {
            reader = reader.option("kafka." + e.getKey(), e.getValue());
        }
        if (maxOffsetsPerTrigger > 0) {
            reader = reader.option("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
        }
        return reader.load().mapPartitions(
                new KafkaValueDecoder(job, codec, transform, outputSchema, policies, bootstrapServers, deadLetterTopic, kafkaSettings),
                Encoders.row(RowAvro.sqlType(outputSchema)));
    }

    /**
     * The {@code foreachBatch} function that writes each micro-batch to {@code topic}: its rows
     * encoded by {@code encode} (key and value), with the same client settings as the reader.
     */
    static VoidFunction2<Dataset<Row>, Long> writeBatches(String bootstrapServers, Map<String, String> kafkaSettings, String topic,
                                                          KafkaEncode encode) {
        Map<String, String> options = new HashMap<>();
        kafkaSettings.forEach((k, v) -> options.put("kafka." + k, v));
        options.put("kafka.bootstrap.servers", bootstrapServers);
        options.put("topic", topic);
        return (batch, id) -> batch.mapPartitions(encode, Encoders.row(KafkaEncode.TYPE)).write().format("kafka").options(options).save();
    }
}
