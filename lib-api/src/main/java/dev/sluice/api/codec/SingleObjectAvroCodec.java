package dev.sluice.api.codec;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import dev.sluice.api.error.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (the Avro specification's: marker {@code C3 01}, the writer schema's
 * 8-byte CRC-64-AVRO fingerprint, then Avro binary), through Avro's own message encoder and decoder.
 * Needs no registry: the reader knows the possible writer schemas up front.
 */
@Public
public final class SingleObjectAvroCodec<T> implements Codec<T> {

    private static final long serialVersionUID = 1L;

    private final AvroModel model;
    private final Class<T> type;
    private final Schema schema;
    private final List<Schema> olderSchemas;
    private transient volatile BinaryMessageEncoder<T> encoder;
    private transient volatile BinaryMessageDecoder<T> decoder;

    private SingleObjectAvroCodec(AvroModel model, Class<T> type, Schema schema, List<Schema> olderSchemas) {
        this.model = model;
        this.type = type;
        this.schema = Require.nonNull(schema, "schema");
        this.olderSchemas = List.copyOf(Require.nonNull(olderSchemas, "olderSchemas"));
    }

    public static <T extends SpecificRecord> SingleObjectAvroCodec<T> specific(Class<T> type, Schema... olderWriterSchemas) {
        return new SingleObjectAvroCodec<>(AvroModel.SPECIFIC, type, AvroModel.schemaOf(AvroModel.SPECIFIC, type), List.of(olderWriterSchemas));
    }

    /** Generic records; {@code olderWriterSchemas} are other schemas records may have been written with. */
    public static SingleObjectAvroCodec<GenericRecord> generic(Schema schema, Schema... olderWriterSchemas) {
        return new SingleObjectAvroCodec<>(AvroModel.GENERIC, GenericRecord.class, schema, List.of(olderWriterSchemas));
    }

    @Override
    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        if (encoder == null) {
            encoder = new BinaryMessageEncoder<>(model.data(type()), schema);
        }
        try {
            ByteBuffer buf = encoder.encode(value);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException | AvroRuntimeException e) {
            throw new DataException("Avro single-object encoding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (decoder == null) {
            BinaryMessageDecoder<T> d = new BinaryMessageDecoder<>(model.data(type()), schema);
            olderSchemas.forEach(d::addSchema);
            decoder = d;
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException e) {
            throw new DataException("Avro single-object decoding failed (" + bytes.length + " bytes): "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private Class<?> type() {
        return model == AvroModel.GENERIC ? null : type;
    }
}
