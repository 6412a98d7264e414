package dev.sluice.catalog.pinot;

import dev.sluice.api.Require;

/**
 * The Kafka topic a REALTIME table consumes.
 *
 * <p>The topic must be plain Avro binary of the table's Avro schema ({@code AvroCodec.generic} in
 * lib-api), decoded by Pinot's {@code SimpleAvroMessageDecoder} with the schema in the table config,
 * or JSON ({@code JSONMessageDecoder}). Pinot's Confluent-registry decoder would read the pipeline's
 * own topics, but it needs {@code io.confluent} jars that Maven Central does not carry, so a pipeline
 * feeding Pinot writes one Pinot-facing topic in plain Avro.
 *
 * @param topic            the topic
 * @param bootstrapServers brokers as Pinot's servers reach them
 * @param format           how the values are encoded
 * @param flushRows        rows after which a consuming segment is committed
 */
public record PinotStream(String topic, String bootstrapServers, Format format, int flushRows) {

    public enum Format { AVRO, JSON }

    public PinotStream {
        Require.nonBlank(topic, "topic");
        Require.nonBlank(bootstrapServers, "bootstrapServers");
        Require.nonNull(format, "format");
        Require.atLeast(flushRows, 1, "flushRows");
    }

    public static PinotStream avro(String topic, String bootstrapServers) {
        return new PinotStream(topic, bootstrapServers, Format.AVRO, 100_000);
    }

    public PinotStream withFlushRows(int rows) {
        return new PinotStream(topic, bootstrapServers, format, rows);
    }

    public PinotStream withFormat(Format f) {
        return new PinotStream(topic, bootstrapServers, f, flushRows);
    }
}
