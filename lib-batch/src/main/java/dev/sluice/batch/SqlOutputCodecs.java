package dev.sluice.batch;

import dev.sluice.api.codec.Codec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The codec each streaming SQL query writes its topic's values with, for example the Confluent
 * wire format with the schema registered under {@code <topic>-value}:
 * {@code (topic, schema) -> ConfluentAvroCodec.generic(registry, topic + "-value", schema)}.
 * Called on the driver, once per query; the codec it returns must be serializable (it runs in the tasks).
 */
@FunctionalInterface
public interface SqlOutputCodecs {

    /** The codec for records of {@code schema} written to {@code topic}. */
    Codec<GenericRecord> codec(String topic, Schema schema);
}
