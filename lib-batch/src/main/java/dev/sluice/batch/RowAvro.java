package dev.sluice.batch;

import dev.sluice.api.error.DataException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.avro.AvroDeserializer;
import org.apache.spark.sql.avro.AvroSerializer;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark rows and Avro records of one schema, both ways, so a {@link dev.sluice.api.Transform}
 * written against Avro records (the stream runtime's values) runs on Spark rows. {@link BatchJob}
 * converts internal rows with Spark's own {@link #serializer}/{@link #deserializer}; the external
 * {@code Row} conversions serve the Structured Streaming paths. Rows are matched by field name.
 * Covered: null unions, primitives, strings and enums, bytes, {@code decimal}, {@code date},
 * {@code timestamp-millis} and {@code timestamp-micros} (Spark keeps microseconds), records,
 * arrays and string-keyed maps; the java.time and BigDecimal values of specific records too.
 * Stateless and thread-safe.
 */
final class RowAvro {

    private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();

    private RowAvro() {}

    /** The Spark type of an Avro record schema, as spark-avro derives it. */
    static StructType sqlType(Schema schema) {
        return (StructType) SchemaConverters.toSqlType(schema).dataType();
    }

    /**
     * Spark's own converter from internal rows of {@code schema}'s Spark type to Avro records (what
     * {@code to_avro} uses); it checks the two types fit when built.
     */
    static AvroSerializer serializer(Schema schema) {
        return new AvroSerializer(sqlType(schema), schema, false);
    }

    /** Spark's own converter from Avro records of {@code schema} to internal rows (what {@code from_avro} uses). */
    static AvroDeserializer deserializer(Schema schema) {
        return new AvroDeserializer(schema, sqlType(schema), "CORRECTED", false, "", -1);
    }

    /** Positions of the fields that may not be null (neither a union with null nor null itself). */
    static int[] required(Schema schema) {
        return schema.getFields().stream().filter(f -> !f.schema().isNullable()).mapToInt(Schema.Field::pos).toArray();
    }

    /** The first of {@code required} that is null in the row, or -1. */
    static int firstNull(org.apache.spark.sql.catalyst.InternalRow row, int[] required) {
        for (int i : required) {
            if (row.isNullAt(i)) {
                return i;
            }
        }
        return -1;
    }

    static GenericRecord toAvro(Row row, Schema schema) {
        return toAvro(row, schema, columns(row, schema));
    }

    /**
     * The column of each field of {@code schema} in rows shaped like {@code row}. A name lookup per
     * field and row showed as a quarter of a task's own time; a task's rows share one shape.
     */
    static int[] columns(Row row, Schema schema) {
        int[] columns = new int[schema.getFields().size()];
        for (Schema.Field f : schema.getFields()) {
            columns[f.pos()] = row.fieldIndex(f.name());
        }
        return columns;
    }

    static GenericRecord toAvro(Row row, Schema schema, int[] columns) {
        GenericRecord r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            int i = columns[f.pos()];
            r.put(f.pos(), avro(row.isNullAt(i) ? null : row.get(i), f.schema(), f.name()));
        }
        return r;
    }

    /**
     * {@link #toRow} for a task's records, which are mostly of one schema instance: a record of a
     * schema equal to {@code schema} is read by field position, not by name (checked once per instance).
     */
    static Function<GenericRecord, Row> rows(Schema schema) {
        return new Function<>() {
            private Schema seen;
            private boolean equal;

            @Override
            public Row apply(GenericRecord record) {
                if (record.getSchema() != seen) {
                    seen = record.getSchema();
                    equal = seen.equals(schema);
                }
                return equal ? toRow(record, schema, true) : toRow(record, schema, false);
            }
        };
    }

    static Row toRow(GenericRecord record, Schema schema) {
        return toRow(record, schema, record.getSchema() == schema);
    }

    private static Row toRow(GenericRecord record, Schema schema, boolean samePositions) {
        Object[] values = new Object[schema.getFields().size()];
        for (Schema.Field f : schema.getFields()) {
            values[f.pos()] = spark(samePositions ? record.get(f.pos()) : record.get(f.name()), f.schema(), f.name());
        }
        return RowFactory.create(values);
    }

    private static Schema nonNull(Schema s, String path) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        List<Schema> branches = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        if (branches.size() != 1) {
            throw new DataException(path + ": unions other than [null, T] are not mapped to Spark columns");
        }
        return branches.get(0);
    }

    private static Object avro(Object v, Schema declared, String path) {
        if (v == null) {
            return null;
        }
        Schema s = nonNull(declared, path);
        LogicalType lt = s.getLogicalType();
        if (lt instanceof LogicalTypes.Decimal d) {
            return DECIMAL.toBytes(((BigDecimal) v).setScale(d.getScale(), RoundingMode.UNNECESSARY), s, d);
        }
        if (lt instanceof LogicalTypes.Date) {
            return (int) ((Date) v).toLocalDate().toEpochDay();
        }
        if (lt instanceof LogicalTypes.TimestampMillis) {
            return ((Timestamp) v).getTime();
        }
        if (lt instanceof LogicalTypes.TimestampMicros) {
            Timestamp t = (Timestamp) v;
            return Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
        }
        return switch (s.getType()) {
            case RECORD -> toAvro((Row) v, s);
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object e : CollectionConverters.asJava((scala.collection.Seq<?>) v)) {
                    out.add(avro(e, s.getElementType(), path + "[]"));
                }
                yield out;
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                CollectionConverters.asJava((scala.collection.Map<?, ?>) v).forEach((k, e) -> out.put(String.valueOf(k), avro(e, s.getValueType(), path + "{}")));
                yield out;
            }
            case ENUM -> new GenericData.EnumSymbol(s, v.toString());
            case BYTES -> ByteBuffer.wrap((byte[]) v);
            case FIXED -> new GenericData.Fixed(s, (byte[]) v);
            case STRING -> v.toString();
            case INT -> v instanceof Integer || v instanceof Short || v instanceof Byte ? ((Number) v).intValue() : mismatch(v, s, path);
            case LONG -> v instanceof Long || v instanceof Integer ? ((Number) v).longValue() : mismatch(v, s, path);
            case FLOAT -> v instanceof Float ? v : mismatch(v, s, path);
            case DOUBLE -> v instanceof Double || v instanceof Float ? ((Number) v).doubleValue() : mismatch(v, s, path);
            case BOOLEAN -> v instanceof Boolean ? v : mismatch(v, s, path);
            default -> v;
        };
    }

    /** A column whose Spark type does not widen to the field's Avro type (a decimal for a double, say). */
    private static Object mismatch(Object v, Schema s, String path) {
        throw new DataException("column " + path + ": a Spark " + v.getClass().getSimpleName() + " does not fit Avro " + s.getType().getName()
                + " (cast the column, or change the schema)");
    }

    private static Object spark(Object v, Schema declared, String path) {
        if (v == null) {
            return null;
        }
        Schema s = nonNull(declared, path);
        LogicalType lt = s.getLogicalType();
        // Specific records built with Avro's conversions hold java.time and BigDecimal values.
        if (v instanceof Instant i) {
            return Timestamp.from(i);
        }
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (lt instanceof LogicalTypes.Decimal d) {
            return DECIMAL.fromBytes(((ByteBuffer) v).duplicate(), s, d);
        }
        if (lt instanceof LogicalTypes.Date) {
            return Date.valueOf(LocalDate.ofEpochDay((Integer) v));
        }
        if (lt instanceof LogicalTypes.TimestampMillis) {
            return new Timestamp((Long) v);
        }
        if (lt instanceof LogicalTypes.TimestampMicros) {
            long micros = (Long) v;
            Timestamp t = new Timestamp(Math.floorDiv(micros, 1_000_000) * 1000);
            t.setNanos((int) Math.floorMod(micros, 1_000_000) * 1000);
            return t;
        }
        return switch (s.getType()) {
            case RECORD -> toRow((GenericRecord) v, s);
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    out.add(spark(e, s.getElementType(), path + "[]"));
                }
                yield CollectionConverters.asScala(out).toSeq();
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) v).forEach((k, e) -> out.put(k.toString(), spark(e, s.getValueType(), path + "{}")));
                yield CollectionConverters.asScala(out);
            }
            case STRING, ENUM -> v.toString();
            case BYTES -> {
                ByteBuffer b = ((ByteBuffer) v).duplicate();
                byte[] out = new byte[b.remaining()];
                b.get(out);
                yield out;
            }
            case FIXED -> ((GenericData.Fixed) v).bytes();
            default -> v;
        };
    }
}
