package dev.sluice.api.codec;

import dev.sluice.api.annotation.Internal;
import dev.sluice.api.error.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;

/**
 * Avro binary encoding with per-thread reuse of the encoder and decoder, the allocation that
 * matters most on the hot path. Shared by every Avro codec, also those of the formats module.
 */
@Internal
public final class AvroBinary {

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static final class Buffers {
        final ByteArrayBinaryEncoder encoder = new ByteArrayBinaryEncoder(256);
        BinaryDecoder decoder;
    }

    private AvroBinary() {}

    /** Writes {@code prefix} then the datum, into a new array. */
    public static <T> byte[] write(DatumWriter<T> writer, T value, byte[] prefix) {
        ByteArrayBinaryEncoder encoder = BUFFERS.get().encoder;
        encoder.reset(prefix); // also drops what a failed datum left
        try {
            writer.write(value, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // A value that does not fit its schema (a null in a non-null field, a wrong type).
            throw new DataException("Avro encoding failed: " + e.getMessage(), e);
        }
        return encoder.toByteArray();
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
