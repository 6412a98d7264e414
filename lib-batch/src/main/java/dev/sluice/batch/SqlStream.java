package dev.sluice.batch;

import dev.sluice.api.Require;
import dev.sluice.api.Transform;
import dev.sluice.api.codec.Codec;
import java.io.Serializable;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A Kafka topic as a stream that streaming SQL reads by name: its values decoded by a sluice-api
 * {@link Codec} (the Confluent wire format through the registry, for example), optionally through
 * a {@link Transform} chain first, so SQL reads the same records the stream runtime and the batch
 * job do. With an event-time column and an allowed lateness, windows close when the watermark
 * (the latest event time seen, less the lateness) passes their end; rows older than the watermark
 * are counted as late and left out.
 *
 * @param name      the name SELECTs use
 * @param topic     the topic read
 * @param codec     decodes the topic's values (serializable; registry clients rebuild lazily)
 * @param transform what runs on each decoded record before SQL sees it
 * @param schema    the Avro schema of the records SQL sees (the transform's output); its fields are the columns
 * @param eventTime the timestamp column windows use, or null for a stream without event time
 * @param lateness  how far behind the latest event time a row may arrive and still count
 */
public record SqlStream(String name, String topic, Codec<GenericRecord> codec, Transform<GenericRecord, GenericRecord> transform,
                        Schema schema, String eventTime, Duration lateness) implements Serializable {

    public SqlStream {
        Require.nonBlank(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a stream's name must be an identifier, got '" + name + "'");
        }
        Require.nonBlank(topic, "topic");
        Require.nonNull(codec, "codec");
        Require.nonNull(transform, "transform");
        Require.nonNull(schema, "schema");
        if (eventTime != null) {
            Schema.Field f = schema.getField(eventTime);
            if (f == null) {
                throw new IllegalArgumentException("stream " + name + ": the event-time column " + eventTime + " is not a field of " + schema.getFullName());
            }
            Require.nonNull(lateness, "lateness");
            if (lateness.isNegative()) {
                throw new IllegalArgumentException("stream " + name + ": lateness must not be negative, got " + lateness);
            }
        }
    }

    /** The topic's records as they decode, without event time. */
    public static SqlStream of(String name, String topic, Codec<GenericRecord> codec, Schema schema) {
        return new SqlStream(name, topic, codec, Transform.map(r -> r), schema, null, null);
    }

    /** The same stream with {@code column} as event time and rows up to {@code lateness} behind the latest still counted. */
    public SqlStream withEventTime(String column, Duration lateness) {
        return new SqlStream(name, topic, codec, transform, schema, column, lateness);
    }

    /** The same stream read through {@code chain}, whose output records have {@code outputSchema}. */
    public SqlStream withTransform(Transform<GenericRecord, GenericRecord> chain, Schema outputSchema) {
        return new SqlStream(name, topic, codec, chain, outputSchema, eventTime, lateness);
    }
}
