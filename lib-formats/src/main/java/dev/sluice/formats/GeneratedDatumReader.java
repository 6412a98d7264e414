package dev.sluice.formats;

import dev.sluice.api.annotation.Internal;
import dev.sluice.api.codec.AvroModel;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;

/**
 * Reads records through Java code generated for their schema ({@link AvroReaderSource}) and
 * compiled in memory by Janino, where the writer's schema is the reader's and the model is
 * Avro's stock generic or specific one; {@link #of} gives Avro's own reader everywhere else. A
 * reader written for one schema skips the per-field dispatch of Avro's readers: about a quarter
 * of a read (benchmarks/RESULTS.md). The values are those of Avro's (fast) reader, class for class;
 * corrupt input fails as it does there, but a union or enum index out of range is an
 * {@code AvroTypeException} that says so, where Avro's reader throws an index exception. A value
 * to reuse is ignored: every read makes new objects. Thread-safe.
 */
@Internal
public final class GeneratedDatumReader<T> implements DatumReader<T> {

    /** The generated code's entry point; public only so a class in another loader can implement it. */
    @Internal
    public interface Body {
        /** Reads one value of the schema the class was generated for. */
        Object read(Decoder in) throws IOException;
    }

    private final Schema schema;
    private final Body body;

    private GeneratedDatumReader(Schema schema, Body body) {
        this.schema = schema;
        this.body = body;
    }

    /** The reader for records written with {@code writer} and read as {@code reader}: generated where it can be, else the model's. */
    public static <T> DatumReader<T> of(AvroModel model, Schema writer, Schema reader, GenericData data) {
        DatumReader<T> generated = model != AvroModel.REFLECT ? generate(writer, reader, data) : null;
        return generated != null ? generated : model.reader(writer, reader, data);
    }

    /** A generated reader, or null where Avro's must read: another model, schemas to resolve, a type it does not generate. */
    static <T> GeneratedDatumReader<T> generate(Schema writer, Schema reader, GenericData data) {
        if ((writer != reader && !writer.equals(reader)) || !data.isFastReaderEnabled()) {
            return null; // Avro's reader resolves one schema to the other; its older reader makes other arrays
        }
        Body body = JavaClassSource.build(Body.class, reader, data, AvroReaderSource::of, "reader");
        return body != null ? new GeneratedDatumReader<>(reader, body) : null;
    }

    /** The compiled class, for tests of the cache. */
    Class<?> bodyClass() {
        return body.getClass();
    }

    /** Accepts only the schema it was generated for. */
    @Override
    public void setSchema(Schema schema) {
        if (schema != this.schema && !schema.equals(this.schema)) {
            throw new UnsupportedOperationException("this reader is generated for " + this.schema.getFullName() + ", not " + schema.getFullName());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read(T reuse, Decoder in) throws IOException {
        return (T) body.read(in);
    }
}
