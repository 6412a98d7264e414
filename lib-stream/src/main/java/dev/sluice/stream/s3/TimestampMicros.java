package dev.sluice.stream.s3;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Parquet files carry timestamps as {@code INT64 TIMESTAMP(MICROS)}, which every engine reads
 * (Trino, Spark, Pinot, DuckDB), never INT96 and never MILLIS: this maps an Avro schema's
 * {@code timestamp-millis} (and {@code local-timestamp-millis}) to the micros types, and scales the
 * values of a record read with the mapped schema (Avro resolution keeps the millis numbers).
 */
final class TimestampMicros {

    private TimestampMicros() {}

    static Schema schema(Schema s) {
        return convert(s, new IdentityHashMap<>());
    }

    private static Schema convert(Schema s, Map<Schema, Schema> done) {
        Schema seen = done.get(s);
        if (seen != null) {
            return seen;
        }
        LogicalType t = s.getLogicalType();
        switch (s.getType()) {
            case LONG -> {
                if (t instanceof LogicalTypes.TimestampMillis) {
                    return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
                }
                if (t instanceof LogicalTypes.LocalTimestampMillis) {
                    return LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
                }
                return s;
            }
            case RECORD -> {
                Schema copy = Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), s.isError());
                done.put(s, copy);
                List<Schema.Field> fields = new ArrayList<>();
                for (Schema.Field f : s.getFields()) {
                    Schema.Field nf = new Schema.Field(f.name(), convert(f.schema(), done), f.doc(), f.defaultVal(), f.order());
                    f.aliases().forEach(nf::addAlias);
                    fields.add(nf);
                }
                copy.setFields(fields);
                s.getObjectProps().forEach(copy::addProp);
                return copy;
            }
            case UNION -> {
                List<Schema> branches = new ArrayList<>();
                s.getTypes().forEach(b -> branches.add(convert(b, done)));
                return Schema.createUnion(branches);
            }
            case ARRAY -> {
                return Schema.createArray(convert(s.getElementType(), done));
            }
            case MAP -> {
                return Schema.createMap(convert(s.getValueType(), done));
            }
            default -> {
                return s;
            }
        }
    }

    /** Scales, in place, the millis fields of {@code record} (read with the mapped schema), guided by the original schema. */
    static void scale(GenericRecord record, Schema original) {
        for (Schema.Field f : original.getFields()) {
            Object v = record.get(f.pos());
            Object scaled = scaleValue(v, f.schema());
            if (scaled != v) {
                record.put(f.pos(), scaled);
            }
        }
    }

    private static Object scaleValue(Object v, Schema s) {
        if (v == null) {
            return null;
        }
        switch (s.getType()) {
            case LONG -> {
                LogicalType t = s.getLogicalType();
                boolean millis = t instanceof LogicalTypes.TimestampMillis || t instanceof LogicalTypes.LocalTimestampMillis;
                return millis ? Math.multiplyExact((Long) v, 1000L) : v;
            }
            case RECORD -> {
                scale((GenericRecord) v, s);
                return v;
            }
            case UNION -> {
                return scaleValue(v, s.getTypes().get(GenericData.get().resolveUnion(s, v)));
            }
            case ARRAY -> {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) v;
                for (int i = 0; i < list.size(); i++) {
                    list.set(i, scaleValue(list.get(i), s.getElementType()));
                }
                return v;
            }
            case MAP -> {
                @SuppressWarnings("unchecked")
                Map<Object, Object> map = (Map<Object, Object>) v;
                map.replaceAll((k, x) -> scaleValue(x, s.getValueType()));
                return v;
            }
            default -> {
                return v;
            }
        }
    }
}
