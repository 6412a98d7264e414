package dev.sluice.catalog.pinot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.catalog.AvroTypes;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * A Pinot schema from an Avro schema. Strings, enums and UUIDs are STRING; int, long, float,
 * double, boolean and bytes map to their Pinot types; decimals to DOUBLE (Pinot 0.11 has no exact
 * decimal); arrays of those are multi-value dimensions; nested records and maps are JSON columns.
 * The time field becomes the date-time field with its unit ({@code 1:MILLISECONDS:EPOCH},
 * {@code 1:MICROSECONDS:EPOCH} or {@code 1:DAYS:EPOCH}). An upsert table's key is the schema's
 * {@code primaryKeyColumns}.
 */
public final class PinotSchemas {

    static final ObjectMapper JSON = new ObjectMapper();

    private PinotSchemas() {}

    public static ObjectNode of(PinotTableSpec spec) {
        ObjectNode s = JSON.createObjectNode();
        s.put("schemaName", spec.table());
        ArrayNode dimensions = s.putArray("dimensionFieldSpecs");
        ArrayNode metrics = s.putArray("metricFieldSpecs");
        ArrayNode times = s.putArray("dateTimeFieldSpecs");
        for (Schema.Field f : spec.schema().getFields()) {
            Schema type = nonNull(f);
            if (f.name().equals(spec.timeField())) {
                times.add(timeField(f.name(), type, spec.micros()));
            } else if (spec.metrics().contains(f.name())) {
                String t = scalar(type);
                if (!List.of("INT", "LONG", "FLOAT", "DOUBLE").contains(t)) {
                    throw new IllegalArgumentException("metric \"" + f.name() + "\" must be numeric, it is " + type);
                }
                metrics.addObject().put("name", f.name()).put("dataType", t);
            } else {
                dimensions.add(dimension(f.name(), type));
            }
        }
        if (spec.upsert()) {
            spec.primaryKey().forEach(s.putArray("primaryKeyColumns")::add);
        }
        return s;
    }

    private static ObjectNode dimension(String name, Schema type) {
        ObjectNode d = JSON.createObjectNode().put("name", name);
        if (type.getType() == Schema.Type.ARRAY) {
            d.put("dataType", scalar(nonNullSchema(type.getElementType(), name + "[]")));
            d.put("singleValueField", false);
        } else {
            d.put("dataType", scalar(type));
        }
        return d;
    }

    private static ObjectNode timeField(String name, Schema type, boolean micros) {
        LogicalType logical = type.getLogicalType();
        String unit;
        if (micros && logical != null && logical.getName().contains("timestamp")) {
            unit = "MICROSECONDS";
        } else if (logical == null && type.getType() == Schema.Type.LONG || logical != null && logical.getName().endsWith("timestamp-millis")) {
            unit = "MILLISECONDS";
        } else if (logical != null && logical.getName().endsWith("timestamp-micros")) {
            unit = "MICROSECONDS";
        } else if (logical != null && logical.getName().equals("date")) {
            unit = "DAYS";
        } else {
            throw new IllegalArgumentException("time field \"" + name + "\" must be a timestamp, a date or a long of epoch "
                    + "milliseconds, it is " + type);
        }
        return JSON.createObjectNode().put("name", name).put("dataType", unit.equals("DAYS") ? "INT" : "LONG")
                .put("format", "1:" + unit + ":EPOCH").put("granularity", "1:" + unit);
    }

    private static String scalar(Schema type) {
        LogicalType logical = type.getLogicalType();
        if (logical != null && logical.getName().equals("decimal")) {
            return "DOUBLE";
        }
        return switch (type.getType()) {
            case STRING, ENUM -> "STRING";
            case INT -> "INT";
            case LONG -> "LONG";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case BYTES, FIXED -> "BYTES";
            case RECORD, MAP -> "JSON";
            default -> throw new IllegalArgumentException("no Pinot type for Avro " + type);
        };
    }

    private static Schema nonNull(Schema.Field f) {
        return nonNullSchema(f.schema(), f.name());
    }

    private static Schema nonNullSchema(Schema s, String name) {
        Schema t = AvroTypes.nonNull(s);
        if (t.getType() == Schema.Type.UNION) {
            throw new IllegalArgumentException("field \"" + name + "\" is a union of " + t.getTypes().size() + " types; Pinot columns have one");
        }
        return t;
    }
}
