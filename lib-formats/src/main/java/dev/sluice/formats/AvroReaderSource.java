package dev.sluice.formats;

import dev.sluice.formats.JavaClassSource.Generated;
import dev.sluice.formats.JavaClassSource.NotGenerated;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The Java source of a reader for one record schema, read as written (no schema resolution), and
 * the constants it is built with. Each record becomes a method that makes the record and puts each
 * field straight from the decoder; each union, array, map, enum and fixed a method of its own.
 * It makes the same Java values as Avro's readers: {@code Utf8} strings, or {@code String} where
 * the schema says {@code avro.java.string: String}; a generated record's own conversion for each
 * field, else the model's for a logical type; {@code GenericData.Array}s, {@code HashMap}s, the
 * model's enums and fixed. Where that cannot be said exactly in source (a {@code java-class}
 * string, a specific record with no public generated class), it refuses with {@link NotGenerated}.
 */
final class AvroReaderSource {

    private static final String DECODER = "org.apache.avro.io.Decoder";
    private static final String SIGNATURE = "(" + DECODER + " in) throws java.io.IOException";

    private final GenericData data;
    private final ClassLoader loader;
    private final boolean specific;
    private final JavaClassSource out = new JavaClassSource();
    private final Map<Schema, String> records = new IdentityHashMap<>(); // a recursive record calls its own method

    private AvroReaderSource(GenericData data, ClassLoader loader) {
        this.data = data;
        this.loader = loader;
        this.specific = data instanceof SpecificData;
    }

    /** The reader of {@code record} in {@code data}'s model (a stock GenericData or SpecificData). */
    static Generated of(Schema record, GenericData data, ClassLoader loader) throws NotGenerated {
        AvroReaderSource source = new AvroReaderSource(data, loader);
        String root = source.value(record, null);
        String entry = "    public Object read" + SIGNATURE + " {\n        return " + root + ";\n    }\n\n"
                + "    private static Object outOfRange(int index, String what) {\n"
                + "        throw new org.apache.avro.AvroTypeException(\"index \" + index + \" out of range for \" + what);\n    }\n";
        return source.out.assemble(record.getName() + "Reader", GeneratedDatumReader.Body.class, entry);
    }

    /** An expression that reads one value of {@code s} from {@code in}, as an Object. */
    private String value(Schema s, Conversion<?> explicit) throws NotGenerated {
        String raw = raw(s);
        LogicalType logical = s.getLogicalType();
        Conversion<?> conversion = explicit != null ? explicit : logical == null ? null : data.getConversionFor(logical);
        if (conversion == null) {
            return raw;
        }
        return "org.apache.avro.Conversions.convertToLogicalType(" + raw + ", " + out.constant("org.apache.avro.Schema", s) + ", "
                + out.constant("org.apache.avro.LogicalType", logical) + ", " + out.constant("org.apache.avro.Conversion", conversion) + ")";
    }

    private String raw(Schema s) throws NotGenerated {
        return switch (s.getType()) {
            case NULL -> method("in.readNull();\n        return null;");
            case BOOLEAN -> "Boolean.valueOf(in.readBoolean())";
            case INT -> "Integer.valueOf(in.readInt())";
            case LONG -> "Long.valueOf(in.readLong())";
            case FLOAT -> "Float.valueOf(in.readFloat())";
            case DOUBLE -> "Double.valueOf(in.readDouble())";
            case STRING -> string(s, SpecificData.CLASS_PROP);
            case BYTES -> "in.readBytes(null)";
            case FIXED -> fixed(s);
            case ENUM -> enumeration(s);
            case ARRAY -> array(s);
            case MAP -> map(s);
            case UNION -> union(s);
            case RECORD -> record(s);
        };
    }

    /** A new method with {@code body}; returns the expression that calls it. */
    private String method(String body) {
        String name = out.newMethodName();
        out.method("Object", name, SIGNATURE, body);
        return name + "(in)";
    }
    private static String string(Schema s, String classProp) throws NotGenerated {
        if (s.getProp(classProp) != null) {
            throw new NotGenerated("a string read into " + s.getProp(classProp));
        }
        boolean javaString = GenericData.StringType.String.name().equals(s.getProp(GenericData.STRING_PROP));
        return javaString ? "in.readString()" : "in.readString(null)";
    }

    private String fixed(Schema s) {
        String schema = out.constant("org.apache.avro.Schema", s);
        String model = out.constant("org.apache.avro.generic.GenericData", data);
        return method("org.apache.avro.generic.GenericFixed f = (org.apache.avro.generic.GenericFixed) " + model + ".createFixed(null, " + schema + ");\n"
                + "        in.readFixed(f.bytes(), 0, " + s.getFixedSize() + ");\n        return f;");
    }

    private String enumeration(Schema s) throws NotGenerated {
        List<String> symbols = s.getEnumSymbols();
        Object[] values = new Object[symbols.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.createEnum(symbols.get(i), s);
            if (specific && !(values[i] instanceof Enum<?>)) {
                throw new NotGenerated("no generated enum class for " + s.getFullName());
            }
        }
        String array = out.constant("Object[]", values);
        return method("int i = in.readEnum();\n"
                + "        return i >= 0 && i < " + values.length + " ? " + array + "[i] : outOfRange(i, " + out.constant("String", "enum " + s.getFullName() + " of " + values.length) + ");");
    }

    private String array(Schema s) throws NotGenerated {
        String element = value(s.getElementType(), null);
        String schema = out.constant("org.apache.avro.Schema", s);
        return method("long n = in.readArrayStart();\n"
                + "        org.apache.avro.generic.GenericData.Array items = new org.apache.avro.generic.GenericData.Array((int) n, " + schema + ");\n"
                + "        while (n > 0) {\n"
                + "            for (long i = 0; i < n; i++) {\n                items.add(" + element + ");\n            }\n"
                + "            n = in.arrayNext();\n        }\n        return items;");
    }

    private String map(Schema s) throws NotGenerated {
        String key = string(s, SpecificData.KEY_CLASS_PROP);
        String value = value(s.getValueType(), null);
        return method("java.util.HashMap entries = new java.util.HashMap();\n"
                + "        for (long n = in.readMapStart(); n > 0; n = in.mapNext()) {\n"
                + "            for (long i = 0; i < n; i++) {\n"
                + "                Object key = " + key + ";\n                entries.put(key, " + value + ");\n            }\n"
                + "        }\n        return entries;");
    }

    private String union(Schema s) throws NotGenerated {
        List<Schema> branches = s.getTypes();
        StringBuilder body = new StringBuilder("int i = in.readIndex();\n        switch (i) {\n");
        for (int i = 0; i < branches.size(); i++) {
            body.append("            case ").append(i).append(": return ").append(value(branches.get(i), null)).append(";\n");
        }
        body.append("            default: return outOfRange(i, \"union of ").append(branches.size()).append("\");\n        }");
        return method(body.toString());
    }

    private String record(Schema s) throws NotGenerated {
        String known = records.get(s);
        if (known != null) {
            return known;
        }
        String name = out.newMethodName();
        records.put(s, name + "(in)");
        Class<?> type = specific ? JavaClassSource.generatedClass((SpecificData) data, s, loader) : null;
        SpecificRecordBase sample = type != null ? JavaClassSource.sample(type, s) : null;
        StringBuilder body = new StringBuilder();
        if (type != null) {
            body.append(type.getCanonicalName()).append(" r = new ").append(type.getCanonicalName()).append("();\n");
        } else {
            body.append("org.apache.avro.generic.GenericData.Record r = new org.apache.avro.generic.GenericData.Record(")
                    .append(out.constant("org.apache.avro.Schema", s)).append(");\n");
        }
        for (Schema.Field f : s.getFields()) {
            Conversion<?> conversion = sample != null ? sample.getConversion(f.pos()) : null;
            body.append("        r.put(").append(f.pos()).append(", ").append(value(f.schema(), conversion)).append(");\n");
        }
        out.method("Object", name, SIGNATURE, body + "        return r;");
        return name + "(in)";
    }
}
