package dev.sluice.formats;

import dev.sluice.api.Require;
import dev.sluice.api.codec.Codec;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Plain JSON documents as Avro generic records of a schema: decoding validates and converts with
 * {@link JsonAvroConverter} (errors name the field path); encoding writes the record as JSON.
 * For topics where producers send JSON but the pipeline wants typed records.
 */
public final class JsonAvroCodec implements Codec<GenericRecord> {

    private static final long serialVersionUID = 1L;

    private final Schema schema;
    private transient volatile JsonAvroConverter converter;

    public JsonAvroCodec(Schema schema) {
        this.schema = Require.nonNull(schema, "schema");
        this.converter = new JsonAvroConverter(schema);
    }

    @Override
    public byte[] encode(GenericRecord value) {
        if (value == null) {
            return null;
        }
        // GenericData renders records as JSON objects with unions unwrapped, as plain JSON has them.
        return GenericData.get().toString(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public GenericRecord decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonAvroConverter c = converter;
        if (c == null) {
            c = new JsonAvroConverter(schema);
            converter = c;
        }
        return c.convert(new String(bytes, StandardCharsets.UTF_8));
    }
}
