package dev.sluice.ingest.cdc;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Kafka Connect schemas and values (what Debezium emits) as Avro: structs become records (named
 * after the Connect schema, made Avro-safe), optional schemas nullable unions with a null default,
 * and the logical types Connect and Debezium name keep their meaning: Connect Decimal, Date, Time,
 * Timestamp, Debezium's Date, Timestamp, MicroTimestamp, NanoTimestamp, MicroTime. Thread-safe;
 * converted schemas are cached by Connect schema identity (Debezium reuses its schema objects).
 */
final class ConnectAvro {

    private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();
    private static final Pattern NOT_IN_NAMES = Pattern.compile("[^A-Za-z0-9_]");
    private final Map<org.apache.kafka.connect.data.Schema, Schema> cache = new IdentityHashMap<>();
    private final Map<String, Schema> byName = new LinkedHashMap<>();
    /** Avro field names by Connect field name: asked for every field of every record, so worked out once. */
    private final Map<String, String> fieldNames = new ConcurrentHashMap<>();

    synchronized Schema schema(org.apache.kafka.connect.data.Schema c) {
        Schema s = cache.get(c);
        if (s == null) {
            s = convert(c);
            cache.put(c, s);
        }
        return s;
    }

    /** Converts a Connect value of schema {@code c} into the Avro value of {@link #schema(org.apache.kafka.connect.data.Schema)}. */
    Object value(org.apache.kafka.connect.data.Schema c, Object v) {
        if (v == null) {
            return null;
        }
        String name = c.name() == null ? "" : c.name();
        switch (name) {
            case org.apache.kafka.connect.data.Decimal.LOGICAL_NAME -> {
                Schema avro = nonNull(schema(c));
                return DECIMAL.toBytes((BigDecimal) v, avro, avro.getLogicalType());
            }
            case org.apache.kafka.connect.data.Date.LOGICAL_NAME -> {
                return (int) Math.floorDiv(((Date) v).getTime(), 86_400_000L);
            }
            case org.apache.kafka.connect.data.Time.LOGICAL_NAME -> {
                return (int) ((Date) v).getTime();
            }
            case org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME -> {
                return ((Date) v).getTime();
            }
            default -> { }
        }
        return switch (c.type()) {
            case STRUCT -> {
                Struct struct = (Struct) v;
                GenericRecord r = new GenericData.Record(nonNull(schema(c)));
                for (Field f : c.fields()) {
                    r.put(fieldNames.computeIfAbsent(f.name(), ConnectAvro::fieldName), value(f.schema(), struct.get(f)));
                }
                yield r;
            }
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    out.add(value(c.valueSchema(), e));
                }
                yield out;
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) v).forEach((k, e) -> out.put(String.valueOf(k), value(c.valueSchema(), e)));
                yield out;
            }
            case BYTES -> v instanceof byte[] b ? ByteBuffer.wrap(b) : v;
            case INT8 -> ((Byte) v).intValue();
            case INT16 -> ((Short) v).intValue();
            default -> v;
        };
    }

    private Schema convert(org.apache.kafka.connect.data.Schema c) {
        Schema s = required(c);
        return c.isOptional() ? Schema.createUnion(Schema.create(Schema.Type.NULL), s) : s;
    }

    private Schema required(org.apache.kafka.connect.data.Schema c) {
        String name = c.name() == null ? "" : c.name();
        switch (name) {
            case org.apache.kafka.connect.data.Decimal.LOGICAL_NAME -> {
                int scale = Integer.parseInt(c.parameters().get(org.apache.kafka.connect.data.Decimal.SCALE_FIELD));
                int precision = Integer.parseInt(c.parameters().getOrDefault("connect.decimal.precision", "38"));
                return LogicalTypes.decimal(Math.max(precision, scale), scale).addToSchema(Schema.create(Schema.Type.BYTES));
            }
            case org.apache.kafka.connect.data.Date.LOGICAL_NAME, "io.debezium.time.Date" ->
                    { return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)); }
            case org.apache.kafka.connect.data.Time.LOGICAL_NAME, "io.debezium.time.Time" ->
                    { return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT)); }
            case "io.debezium.time.MicroTime" -> { return LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG)); }
            case org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME, "io.debezium.time.Timestamp" ->
                    { return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)); }
            case "io.debezium.time.MicroTimestamp" -> { return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)); }
            case "io.debezium.time.NanoTimestamp" -> { return LogicalTypes.timestampNanos().addToSchema(Schema.create(Schema.Type.LONG)); }
            default -> { }
        }
        return switch (c.type()) {
            case INT8, INT16, INT32 -> Schema.create(Schema.Type.INT);
            case INT64 -> Schema.create(Schema.Type.LONG);
            case FLOAT32 -> Schema.create(Schema.Type.FLOAT);
            case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case STRING -> Schema.create(Schema.Type.STRING);
            case BYTES -> Schema.create(Schema.Type.BYTES);
            case ARRAY -> Schema.createArray(schema(c.valueSchema()));
            case MAP -> Schema.createMap(schema(c.valueSchema()));
            case STRUCT -> record(c);
        };
    }

    private Schema record(org.apache.kafka.connect.data.Schema c) {
        String full = avroName(c.name() == null ? "Struct" + byName.size() : c.name());
        Schema known = byName.get(full);
        if (known != null) {
            return known; // Debezium's before and after share one schema; Avro wants it defined once
        }
        int dot = full.lastIndexOf('.');
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(dot < 0 ? full : full.substring(dot + 1))
                .namespace(dot < 0 ? null : full.substring(0, dot)).doc(c.doc()).fields();
        for (Field f : c.fields()) {
            Schema fs = schema(f.schema());
            SchemaBuilder.GenericDefault<Schema> field = fields.name(fieldName(f.name())).type(fs);
            fields = f.schema().isOptional() ? field.withDefault(null) : field.noDefault();
        }
        Schema s = fields.endRecord();
        byName.put(full, s);
        return s;
    }

    /** Avro names: letters, digits and '_', dot-separated, not starting with a digit. */
    static String avroName(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.")) {
            String p = NOT_IN_NAMES.matcher(part).replaceAll("_");
            if (p.isEmpty() || Character.isDigit(p.charAt(0))) {
                p = "_" + p;
            }
            sb.append(sb.length() > 0 ? "." : "").append(p);
        }
        return sb.toString();
    }

    static String fieldName(String name) {
        return avroName(name).replace('.', '_');
    }

    private static Schema nonNull(Schema s) {
        return s.getType() == Schema.Type.UNION ? s.getTypes().get(1) : s;
    }
}
