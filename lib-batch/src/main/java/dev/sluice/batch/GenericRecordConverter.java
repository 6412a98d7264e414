package dev.sluice.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A transform's output in Avro's generic representation, which Spark's Avro deserializer reads:
 * generated specific records hold {@code java.time} and {@code BigDecimal} values for logical
 * types, so they go through Avro's binary form once (their own writer applies their conversions);
 * generic records pass as they are. One per task: not thread-safe.
 */
final class GenericRecordConverter {

    private final SpecificDatumWriter<Object> writer;
    private final GenericDatumReader<GenericRecord> reader;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    GenericRecordConverter(Schema schema) {
        this.writer = new SpecificDatumWriter<>(schema);
        this.reader = new GenericDatumReader<>(schema);
    }

    GenericRecord of(GenericRecord record) {
        // The exact class first: a negative instanceof against an interface scans the class's supertypes, every record.
        if (record.getClass() == GenericData.Record.class || !(record instanceof SpecificRecord)) {
            return record;
        }
        try {
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            writer.write(record, encoder);
            encoder.flush();
            decoder = DecoderFactory.get().binaryDecoder(buffer.toByteArray(), decoder);
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not convert a " + record.getSchema().getFullName() + " to its generic form", e);
        }
    }
}
