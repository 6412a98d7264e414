package dev.sluice.reference;

import dev.sluice.core.codec.Codec;
import dev.sluice.core.codec.SingleObjectAvroCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Single-object Avro with each record's own schema (CDC envelopes carry a schema derived from the
 * table). Decoding knows the schemas this instance encoded: enough for the demo, which reads back
 * what it wrote. A deployment puts such topics behind a schema registry instead.
 */
final class OwnSchemaCodec implements Codec<GenericRecord> {

    private static final long serialVersionUID = 1L;

    private final Map<Schema, SingleObjectAvroCodec<GenericRecord>> codecs = new ConcurrentHashMap<>();

    @Override
    public byte[] encode(GenericRecord value) {
        return value == null ? null : codecs.computeIfAbsent(value.getSchema(), SingleObjectAvroCodec::generic).encode(value);
    }

    @Override
    public GenericRecord decode(byte[] bytes) {
        RuntimeException last = new IllegalStateException("no schema encoded yet");
        for (SingleObjectAvroCodec<GenericRecord> c : codecs.values()) {
            try {
                return c.decode(bytes);
            } catch (RuntimeException other) {
                last = other;
            }
        }
        throw last;
    }
}
