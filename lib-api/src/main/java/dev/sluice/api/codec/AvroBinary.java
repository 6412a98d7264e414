package dev.sluice.api.codec;

import dev.sluice.api.annotation.Internal;
import dev.sluice.api.error.DataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary encoding with per-thread reuse of the encoder and decoder, the allocation that
 * matters most on the hot path. Shared by every Avro codec, also those of the formats module.
 */
@Internal
public final class AvroBinary {

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder;
        BinaryDecoder decoder;
    }

    private AvroBinary() {}

    /** Writes {@code prefix} then the datum, into a new array. */
    public static <T> byte[] write(DatumWriter<T> writer, T value, byte[] prefix) {
        Buffers b = BUFFERS.get();
        try {
            // Buffered, not direct: the direct encoder makes one call on the stream per field.
            b.encoder = EncoderFactory.get().binaryEncoder(b.out, b.encoder);
            b.out.reset();
            if (prefix != null) {
                b.out.write(prefix);
            }
            writer.write(value, b.encoder);
            b.encoder.flush();
        } catch (IOException e) {
            b.encoder = null;
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // The encoder still buffers the failed datum's first bytes: never reuse it.
            b.encoder = null;
            // A value that does not fit its schema (a null in a non-null field, a wrong type).
            throw new DataException("Avro encoding failed: " + e.getMessage(), e);
        }
        return b.out.toByteArray();
    }

    /** Reads one datum from {@code bytes[offset..]}; {@code what} names the record in errors. */
    public static <T> T read(DatumReader<T> reader, byte[] bytes, int offset, String what) {
        Buffers b = BUFFERS.get();
        b.decoder = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, b.decoder);
        try {
            return reader.read(null, b.decoder);
        } catch (IOException | RuntimeException e) {
            throw new DataException("Avro decoding failed for " + what + " (" + bytes.length + " bytes, datum starts at byte "
                    + offset + "): " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
