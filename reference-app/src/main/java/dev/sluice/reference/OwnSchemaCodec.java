package dev.sluice.reference;

import dev.sluice.core.codec.Codec;
import dev.sluice.core.codec.SingleObjectAvroCodec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Single-object Avro with each record's own schema (CDC envelopes carry a schema derived from the
 * table). Decoding knows the schemas this instance encoded: enough for the demo, which reads back
 * what it wrote. A deployment puts such topics behind a schema registry instead.
 */
final class OwnSchemaCodec implements Codec<GenericRecord> {

    private static final long serialVersionUID = 1L;

    private final List<SingleObjectAvroCodec<GenericRecord>> codecs = new CopyOnWriteArrayList<>();
    private final List<Schema> schemas = new CopyOnWriteArrayList<>();

    @Override
    public byte[] encode(GenericRecord value) {
        if (value == null) {
            return null;
        }
        int i = schemas.indexOf(value.getSchema());
        if (i < 0) {
            synchronized (this) {
                i = schemas.indexOf(value.getSchema());
                if (i < 0) {
                    codecs.add(SingleObjectAvroCodec.generic(value.getSchema()));
                    schemas.add(value.getSchema());
                    i = schemas.size() - 1;
                }
            }
        }
        return codecs.get(i).encode(value);
    }

    @Override
    public GenericRecord decode(byte[] bytes) {
        RuntimeException last = new IllegalStateException("no schema encoded yet");
        for (SingleObjectAvroCodec<GenericRecord> c : codecs) {
            try {
                return c.decode(bytes);
            } catch (RuntimeException other) {
                last = other;
            }
        }
        throw last;
    }
}
