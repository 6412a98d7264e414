package dev.sluice.api.codec;

import dev.sluice.api.annotation.Internal;
import dev.sluice.api.annotation.Public;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which Avro data model maps values to Java: generated specific records, generic records, or
 * reflection over plain classes. Generic records hold logical types in their Avro representation
 * (a timestamp is a long), as plain Avro does; specific records use their generated conversions.
 * REFLECT reads Java {@code record} classes through their canonical constructor.
 */
@Public
public enum AvroModel {
    SPECIFIC, GENERIC, REFLECT;

    /** The model's data instance; for SPECIFIC and REFLECT, with the class's loader. */
    public GenericData data(Class<?> type) {
        ClassLoader loader = type != null ? type.getClassLoader() : AvroModel.class.getClassLoader();
        GenericData data = switch (this) {
            case SPECIFIC -> type != null ? SpecificData.getForClass(type) : new SpecificData(loader);
            case GENERIC -> new GenericData(loader);
            case REFLECT -> new ReflectData(loader);
        };
        return data;
    }

    /** The schema of a class in this model: the generated SCHEMA$ or the reflected one. */
    public static Schema schemaOf(AvroModel model, Class<?> type) {
        return switch (model) {
            case SPECIFIC -> {
                if (!SpecificRecord.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException(type.getName() + " is not an Avro SpecificRecord; use AvroModel.REFLECT for plain classes");
                }
                yield SpecificData.get().getSchema(type);
            }
            case REFLECT -> ReflectData.get().getSchema(type);
            case GENERIC -> throw new IllegalArgumentException("generic records have no class: pass the schema");
        };
    }

    /** For Sluice's codecs; not for users. */
    @Internal
    @SuppressWarnings("unchecked")
    public <T> DatumWriter<T> writer(Schema schema, GenericData data) {
        if (this != REFLECT && schema.getType() == Schema.Type.RECORD) {
            return new CompiledDatumWriter<>(schema, data); // Avro's bytes, without its per-value type dispatch
        }
        return (DatumWriter<T>) data.createDatumWriter(schema);
    }

    /** For Sluice's codecs; not for users. */
    @Internal
    @SuppressWarnings("unchecked")
    public <T> DatumReader<T> reader(Schema writer, Schema reader, GenericData data) {
        if (this == REFLECT && reader.getType() == Schema.Type.RECORD && data instanceof ReflectData reflect) {
            Class<?> type = reflect.getClass(reader);
            if (type != null && type.isRecord()) { // Avro's reflection cannot build a Java record: see JavaRecordReader
                return new JavaRecordReader<>(writer, reader, (Class<T>) type);
            }
        }
        return (DatumReader<T>) data.createDatumReader(writer, reader);
    }
}
