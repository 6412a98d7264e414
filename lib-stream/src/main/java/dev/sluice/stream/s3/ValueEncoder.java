package dev.sluice.stream.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
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

    /** An unsynchronized growable buffer: ByteArrayOutputStream's locking showed in profiles of the write path. */
    private static final class Bytes extends OutputStream {
        byte[] buf = new byte[1024];
        int count;

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }
    }

    private final Map<Schema, DatumWriter<IndexedRecord>> writers = new IdentityHashMap<>();
    private final Bytes out = new Bytes();
    private BinaryEncoder encoder;

    /** Encodes {@code value}; the bytes are {@link #bytes()}[0, returned length) until the next call. */
    int encode(IndexedRecord value) {
        out.count = 0;
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
        return out.count;
    }

    byte[] bytes() {
        return out.buf;
    }
}
