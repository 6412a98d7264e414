package dev.sluice.formats;

import dev.sluice.api.annotation.Internal;
import dev.sluice.api.codec.AvroModel;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * Writes records through Java code generated for their schema ({@link AvroWriterSource}) and
 * compiled in memory by Janino, for Avro's stock generic and specific models; {@link #of} gives
 * the model's writer everywhere else. The bytes and errors are those of Avro's writers (errors
 * name the field). About a quarter less time per record than the compiled tree of writers for
 * the benchmarks' events (benchmarks/RESULTS.md). Thread-safe.
 */
@Internal
public final class GeneratedDatumWriter<T> implements DatumWriter<T> {

    /** The generated code's entry point; public only so a class in another loader can implement it. */
    @Internal
    public interface Body {
        /** Writes one value of the schema the class was generated for. */
        void write(Object value, Encoder out) throws IOException;
    }

    private final Schema schema;
    private final Body body;

    private GeneratedDatumWriter(Schema schema, Body body) {
        this.schema = schema;
        this.body = body;
    }

    /** The writer for values of {@code schema}: generated where it can be, else the model's. */
    public static <T> DatumWriter<T> of(AvroModel model, Schema schema, GenericData data) {
        DatumWriter<T> generated = model != AvroModel.REFLECT ? generate(schema, data) : null;
        return generated != null ? generated : model.writer(schema, data);
    }

    /** A generated writer, or null where the model's must write: another model, a type it does not generate. */
    static <T> GeneratedDatumWriter<T> generate(Schema schema, GenericData data) {
        Body body = JavaClassSource.build(Body.class, schema, data, AvroWriterSource::of, "writer");
        return body != null ? new GeneratedDatumWriter<>(schema, body) : null;
    }

    /** Accepts only the schema it was generated for (as {@code DataFileWriter.create} passes it). */
    @Override
    public void setSchema(Schema schema) {
        if (schema != this.schema && !schema.equals(this.schema)) {
            throw new UnsupportedOperationException("this writer is generated for " + this.schema.getFullName() + ", not " + schema.getFullName());
        }
    }

    @Override
    public void write(T datum, Encoder out) throws IOException {
        body.write(datum, out);
    }
}
