package dev.sluice.stream.s3;

import dev.sluice.stream.io.GrowableBytes;
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

    private final Map<Schema, DatumWriter<IndexedRecord>> writers = new IdentityHashMap<>();
    private final GrowableBytes out = new GrowableBytes(1024);
    private BinaryEncoder encoder;

    /** Encodes {@code value}; the bytes are {@link #bytes()}[0, returned length) until the next call. */
    int encode(IndexedRecord value) {
        out.truncate(0);
        // Buffered: the record's many small writes stay in the encoder's buffer, one copy on flush.
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            // Specific and generic records alike: SpecificData reads any IndexedRecord by position.
            writers.computeIfAbsent(value.getSchema(), SpecificDatumWriter::new).write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            encoder = null; // a failed write may leave bytes in the buffer: never reuse it
            throw e;
        }
        return out.size();
    }

    byte[] bytes() {
        return out.array();
    }
}
