package dev.sluice.api.codec;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain Avro binary with no framing: writer and reader agree on the schema out of band (a file
 * header, a fixed topic contract). For Kafka topics shared between teams prefer
 * {@code ConfluentAvroCodec} (sluice-formats), which carries the writer schema's id.
 */
@Public
public final class AvroCodec<T> implements Codec<T> {

    private static final long serialVersionUID = 1L;

    private final AvroModel model;
    private final Class<T> type;
    private final Schema writerSchema;
    private final Schema readerSchema;
    private transient volatile DatumWriter<T> writer;
    private transient volatile DatumReader<T> reader;

    private AvroCodec(AvroModel model, Class<T> type, Schema writerSchema, Schema readerSchema) {
        this.model = model;
        this.type = type;
        this.writerSchema = Require.nonNull(writerSchema, "writerSchema");
        this.readerSchema = Require.nonNull(readerSchema, "readerSchema");
    }

    /** Generated specific records of {@code type}. */
    public static <T extends SpecificRecord> AvroCodec<T> specific(Class<T> type) {
        Schema s = AvroModel.schemaOf(AvroModel.SPECIFIC, Require.nonNull(type, "type"));
        return new AvroCodec<>(AvroModel.SPECIFIC, type, s, s);
    }

    /** Generic records of {@code schema}. */
    public static AvroCodec<GenericRecord> generic(Schema schema) {
        return new AvroCodec<>(AvroModel.GENERIC, GenericRecord.class, schema, schema);
    }

    /** Generic records written with {@code writer}, read as {@code reader} (Avro schema resolution). */
    public static AvroCodec<GenericRecord> generic(Schema writer, Schema reader) {
        return new AvroCodec<>(AvroModel.GENERIC, GenericRecord.class, writer, reader);
    }

    /** Plain Java classes through Avro reflection. */
    public static <T> AvroCodec<T> reflect(Class<T> type) {
        Schema s = AvroModel.schemaOf(AvroModel.REFLECT, Require.nonNull(type, "type"));
        return new AvroCodec<>(AvroModel.REFLECT, type, s, s);
    }

    public Schema schema() {
        return readerSchema;
    }

    @Override
    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        if (writer == null) {
            writer = model.writer(writerSchema, data());
        }
        return AvroBinary.write(writer, value, null);
    }

    @Override
    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (reader == null) {
            reader = model.reader(writerSchema, readerSchema, data());
        }
        return AvroBinary.read(reader, bytes, 0, writerSchema.getFullName());
    }

    private GenericData data() {
        return model.data(model == AvroModel.GENERIC ? null : type);
    }
}
