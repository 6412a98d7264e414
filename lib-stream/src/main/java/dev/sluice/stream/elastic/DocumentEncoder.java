package dev.sluice.stream.elastic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.Utf8;

/**
 * Writes an Avro record as a plain JSON document (not Avro's JSON encoding: no union wrappers),
 * the shape {@link ElasticMapping} maps: timestamps and dates as ISO-8601 text in UTC, decimals as
 * numbers, bytes as base64, enums by symbol. Generic and specific records alike. Not thread-safe.
 */
final class DocumentEncoder {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    /** Writes {@code record} to {@code out} as one line of JSON (no newline). */
    void write(IndexedRecord record, OutputStream out) {
        try (JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            writeRecord(record, gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a bulk action line: {@code {"<op>":{"_index":...,"_id":...}}}; no {@code _id} when {@code id} is null. */
    void writeAction(String op, String index, String id, OutputStream out) {
        try (JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeObjectFieldStart(op);
            gen.writeStringField("_index", index);
            if (id != null) {
                gen.writeStringField("_id", id);
            }
            gen.writeEndObject();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRecord(IndexedRecord record, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        for (Schema.Field f : record.getSchema().getFields()) {
            Object v = record.get(f.pos());
            if (v != null) {
                gen.writeFieldName(f.name());
                writeValue(f.schema(), v, gen);
            }
        }
        gen.writeEndObject();
    }

    private void writeValue(Schema schema, Object v, JsonGenerator gen) throws IOException {
        if (v == null) {
            gen.writeNull();
            return;
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case UNION -> writeValue(schema.getTypes().get(SpecificData.get().resolveUnion(schema, v)), v, gen);
            case RECORD -> writeRecord((IndexedRecord) v, gen);
            case STRING -> {
                if (v instanceof Utf8 u) {
                    gen.writeUTF8String(u.getBytes(), 0, u.getByteLength());
                } else {
                    gen.writeString(v.toString());
                }
            }
            case ENUM -> gen.writeString(v.toString());
            case BOOLEAN -> gen.writeBoolean((Boolean) v);
            case INT -> {
                if (logical instanceof LogicalTypes.Date) {
                    gen.writeString((v instanceof LocalDate d ? d : LocalDate.ofEpochDay(((Number) v).intValue())).toString());
                } else {
                    gen.writeNumber(((Number) v).intValue());
                }
            }
            case LONG -> writeLong(logical, v, gen);
            case FLOAT -> gen.writeNumber((Float) v);
            case DOUBLE -> gen.writeNumber((Double) v);
            case BYTES, FIXED -> writeBytes(schema, logical, v, gen);
            case ARRAY -> {
                gen.writeStartArray();
                for (Object item : (Iterable<?>) v) {
                    writeValue(schema.getElementType(), item, gen);
                }
                gen.writeEndArray();
            }
            case MAP -> {
                gen.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    gen.writeFieldName(e.getKey().toString());
                    writeValue(schema.getValueType(), e.getValue(), gen);
                }
                gen.writeEndObject();
            }
            case NULL -> gen.writeNull();
        }
    }

    private static void writeLong(LogicalType logical, Object v, JsonGenerator gen) throws IOException {
        if (!ElasticMapping.isTimestamp(logical)) {
            gen.writeNumber(((Number) v).longValue());
            return;
        }
        boolean local = logical instanceof LogicalTypes.LocalTimestampMillis || logical instanceof LogicalTypes.LocalTimestampMicros;
        Instant t;
        if (v instanceof Instant i) {
            t = i;
        } else if (v instanceof LocalDateTime l) {
            t = l.toInstant(ZoneOffset.UTC);
        } else {
            long n = ((Number) v).longValue();
            t = ElasticMapping.isMicros(logical)
                    ? Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000L), Math.floorMod(n, 1_000_000L) * 1_000L)
                    : Instant.ofEpochMilli(n);
        }
        gen.writeString(local ? LOCAL.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)) : t.toString());
    }

    private static void writeBytes(Schema schema, LogicalType logical, Object v, JsonGenerator gen) throws IOException {
        if (logical instanceof LogicalTypes.Decimal decimal) {
            BigDecimal d = v instanceof BigDecimal b ? b
                    : v instanceof ByteBuffer buf ? DECIMALS.fromBytes(buf.duplicate(), schema, decimal)
                    : DECIMALS.fromFixed((GenericFixed) v, schema, decimal);
            gen.writeNumber(d);
            return;
        }
        byte[] bytes;
        if (v instanceof ByteBuffer buf) {
            ByteBuffer b = buf.duplicate();
            bytes = new byte[b.remaining()];
            b.get(bytes);
        } else {
            bytes = ((GenericFixed) v).bytes();
        }
        gen.writeBinary(bytes);
    }
}
