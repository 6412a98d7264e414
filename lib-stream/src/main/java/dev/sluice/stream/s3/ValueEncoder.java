package dev.sluice.stream.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/** Encodes records in Avro binary with their own schema into one reused buffer. Not thread-safe. */
final class ValueEncoder {

    private static final class Bytes extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }

    private final Map<Schema, DatumWriter<IndexedRecord>> writers = new IdentityHashMap<>();
    private final Bytes out = new Bytes();
    private BinaryEncoder encoder;

    /** Encodes {@code value}; the bytes are {@link #bytes()}[0, returned length) until the next call. */
    int encode(IndexedRecord value) {
        out.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        try {
            // Specific and generic records alike: SpecificData reads any IndexedRecord by position.
            writers.computeIfAbsent(value.getSchema(), SpecificDatumWriter::new).write(value, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    byte[] bytes() {
        return out.array();
    }
}
