package dev.sluice.ingest.http;

import dev.sluice.api.Require;
import dev.sluice.api.codec.Codec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One stream of {@code POST /ingest/{name}}: the topic its records go to and the Avro schema they
 * must fit. Immutable; change it with the {@code with*} methods.
 *
 * @param name       the path segment after {@code /ingest/}
 * @param topic      the Kafka topic records are produced to
 * @param schema     JSON bodies are validated against and converted to this schema
 * @param valueCodec encodes the converted records for Kafka (Confluent wire format with a registry,
 *                   or Avro single-object encoding)
 * @param avroBodies decodes Confluent-wire-format request bodies to {@code schema} (a
 *                   {@code ConfluentAvroCodec} whose reader schema is {@code schema}); null refuses
 *                   Avro bodies with 415
 * @param keyField   a top-level field whose value becomes the Kafka key when the request has no
 *                   {@code Idempotency-Key}; null for no key
 */
public record IngestStream(String name, String topic, Schema schema, Codec<GenericRecord> valueCodec,
                           Codec<GenericRecord> avroBodies, String keyField) {

    public IngestStream {
        Require.nonBlank(name, "name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("stream name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        Require.nonBlank(topic, "topic");
        Require.nonNull(schema, "schema");
        Require.nonNull(valueCodec, "valueCodec");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("stream " + name + ": schema must be a record, got " + schema.getType());
        }
        if (keyField != null && schema.getField(keyField) == null) {
            throw new IllegalArgumentException("stream " + name + ": key field '" + keyField + "' is not in schema " + schema.getFullName());
        }
    }

    public static IngestStream of(String name, String topic, Schema schema, Codec<GenericRecord> valueCodec) {
        return new IngestStream(name, topic, schema, valueCodec, null, null);
    }

    public IngestStream withAvroBodies(Codec<GenericRecord> decoder) {
        return new IngestStream(name, topic, schema, valueCodec, decoder, keyField);
    }

    public IngestStream withKeyField(String field) {
        return new IngestStream(name, topic, schema, valueCodec, avroBodies, field);
    }
}
