package dev.sluice.formats;

import dev.sluice.api.codec.AvroModel;
import dev.sluice.api.codec.AvroWriting;
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
 * The Java source of a writer for one record schema, writing what Sluice's compiled writer (and
 * so Avro's generic and specific writers) writes, byte for byte, with the same errors: each field
 * written by a statement of its own type, a null-or-one-type union's branch taken from the value's
 * Java type, other unions resolved by the model, a field named in the error it causes. A generated
 * record of the schema's own class is written with the class's conversions; any other value of a
 * specific record schema (a generic record, another class) goes to the model's writer for that
 * schema, as that writer takes it.
 */
final class AvroWriterSource {

    private static final String ENCODER = "org.apache.avro.io.Encoder";
    private static final String SIGNATURE = "(Object v, " + ENCODER + " out) throws java.io.IOException";
    private static final String HELPERS = AvroWriting.class.getCanonicalName();

    private final GenericData data;
    private final ClassLoader loader;
    private final boolean specific;
    private final JavaClassSource out = new JavaClassSource();
    private final Map<Schema, String> records = new IdentityHashMap<>(); // a recursive record calls its own method
    private int locals;

    private AvroWriterSource(GenericData data, ClassLoader loader) {
        this.data = data;
        this.loader = loader;
        this.specific = data instanceof SpecificData;
    }

    /** The writer of {@code record} in {@code data}'s model (a stock GenericData or SpecificData). */
    static Generated of(Schema record, GenericData data, ClassLoader loader) throws NotGenerated {
        AvroWriterSource source = new AvroWriterSource(data, loader);
        String root = source.record(record);
        String entry = "    public void write" + SIGNATURE + " {\n        " + root + "(v, out);\n    }\n";
        return source.out.assemble(record.getName() + "Writer", GeneratedDatumWriter.Body.class, entry);
    }

    /** Statements writing the value in local {@code x} of {@code s}, converting a logical type's value by its class first, as Avro's writer. */
    private String write(Schema s, String x) throws NotGenerated {
        LogicalType logical = s.getLogicalType();
        if (logical == null) {
            return writeRaw(s, x);
        }
        String raw = local();
        return "Object " + raw + " = " + HELPERS + ".toRaw(" + model() + ", " + x + ", " + schema(s) + ", "
                + out.constant("org.apache.avro.LogicalType", logical) + ");\n" + writeRaw(s, raw);
    }

    /** Statements writing {@code x}, already of {@code s}'s raw type. */
    private String writeRaw(Schema s, String x) throws NotGenerated {
        return switch (s.getType()) {
            case NULL -> "out.writeNull();\n";
            case BOOLEAN -> "out.writeBoolean(((Boolean) " + present(x, s) + ").booleanValue());\n";
            case INT -> "out.writeInt(((Number) " + present(x, s) + ").intValue());\n";
            case LONG -> "out.writeLong(((Number) " + present(x, s) + ").longValue());\n";
            case FLOAT -> "out.writeFloat(((Number) " + present(x, s) + ").floatValue());\n";
            case DOUBLE -> "out.writeDouble(((Number) " + present(x, s) + ").doubleValue());\n";
            case STRING -> HELPERS + ".writeString(" + x + ", out, " + specific + ");\n";
            case BYTES -> "out.writeBytes((java.nio.ByteBuffer) " + present(x, s) + ");\n";
            case FIXED -> "out.writeFixed(((org.apache.avro.generic.GenericFixed) " + present(x, s) + ").bytes(), 0, " + s.getFixedSize() + ");\n";
            case ENUM -> "out.writeEnum(" + HELPERS + ".enumOrdinal(" + schema(s) + ", " + x + ", " + specific + "));\n";
            case ARRAY -> array(s) + "(" + x + ", out);\n";
            case MAP -> map(s) + "(" + x + ", out);\n";
            case UNION -> union(s) + "(" + x + ", out);\n";
            case RECORD -> record(s) + "(" + x + ", out);\n";
        };
    }

    private static String present(String x, Schema s) {
        return HELPERS + ".present(" + x + ", \"" + s.getType().getName() + "\")";
    }

    private String local() {
        return "x" + locals++;
    }

    private String schema(Schema s) {
        return out.constant("org.apache.avro.Schema", s);
    }

    private String model() {
        return out.constant("org.apache.avro.generic.GenericData", data);
    }

    private String method(String body) {
        String name = out.newMethodName();
        out.method("void", name, SIGNATURE, body);
        return name;
    }

    private String array(Schema s) throws NotGenerated {
        String item = local();
        return method("java.util.Collection items = (java.util.Collection) " + present("v", s) + ";\n"
                + "long size = items.size();\nout.writeArrayStart();\nout.setItemCount(size);\nlong written = 0;\n"
                + "for (java.util.Iterator it = items.iterator(); it.hasNext(); written++) {\n"
                + "Object " + item + " = it.next();\nout.startItem();\n" + write(s.getElementType(), item) + "}\n"
                + "out.writeArrayEnd();\nif (written != size) {\n"
                + "throw new java.util.ConcurrentModificationException(\"array size \" + size + \" but \" + written + \" elements written\");\n}");
    }

    private String map(Schema s) throws NotGenerated {
        String value = local();
        return method("java.util.Map entries = (java.util.Map) " + present("v", s) + ";\n"
                + "int size = entries.size();\nout.writeMapStart();\nout.setItemCount(size);\nint written = 0;\n"
                + "for (java.util.Iterator it = entries.entrySet().iterator(); it.hasNext(); written++) {\n"
                + "java.util.Map.Entry e = (java.util.Map.Entry) it.next();\nout.startItem();\n"
                + "out.writeString(e.getKey().toString());\n" // as Avro: a key through String
                + "Object " + value + " = e.getValue();\n" + write(s.getValueType(), value) + "}\n"
                + "out.writeMapEnd();\nif (written != size) {\n"
                + "throw new java.util.ConcurrentModificationException(\"map size \" + size + \" but \" + written + \" entries written\");\n}");
    }

    private String union(Schema s) throws NotGenerated {
        List<Schema> branches = s.getTypes();
        int nulls = -1;
        for (int i = 0; i < branches.size(); i++) {
            nulls = branches.get(i).getType() == Schema.Type.NULL ? i : nulls;
        }
        int other = branches.size() == 2 && nulls >= 0 ? 1 - nulls : -1;
        String own = other >= 0 ? ownType(branches.get(other), "v") : null;
        StringBuilder body = new StringBuilder("int index;\n");
        if (nulls >= 0) {
            body.append("if (v == null) {\nindex = ").append(nulls).append(";\n} else ");
        }
        if (own != null) {
            body.append("if (").append(own).append(") {\nindex = ").append(other).append(";\n} else ");
        }
        body.append("{\nindex = ").append(model()).append(".resolveUnion(").append(schema(s)).append(", v);\n}\n");
        body.append("out.writeIndex(index);\nswitch (index) {\n");
        for (int i = 0; i < branches.size(); i++) {
            body.append("case ").append(i).append(":\n").append(write(branches.get(i), "v")).append("break;\n");
        }
        body.append("default:\nthrow new IllegalStateException(\"union branch \" + index);\n}");
        return method(body.toString());
    }

    /**
     * A test that {@code v} is the Java type the model maps {@code branch} to, or null where only the
     * model can tell. Names go in as constants, never into the source: a schema parsed without name
     * validation could hold a quote.
     */
    private String ownType(Schema branch, String v) {
        if (branch.getLogicalType() != null) {
            return null; // an Instant or a long may both be right: let the model decide
        }
        return switch (branch.getType()) {
            case STRING -> v + " instanceof CharSequence";
            case LONG -> v + " instanceof Long";
            case INT -> v + " instanceof Integer";
            case DOUBLE -> v + " instanceof Double";
            case FLOAT -> v + " instanceof Float";
            case BOOLEAN -> v + " instanceof Boolean";
            case RECORD -> v + " instanceof org.apache.avro.generic.IndexedRecord && ((org.apache.avro.generic.IndexedRecord) " + v
                    + ").getSchema().getFullName().equals(" + out.constant("String", branch.getFullName()) + ")";
            default -> null;
        };
    }

    /** The record's method's name: its fields in order inside one try that names the field at fault. */
    private String record(Schema s) throws NotGenerated {
        String known = records.get(s);
        if (known != null) {
            return known;
        }
        String name = out.newMethodName();
        records.put(s, name);
        String[] fieldNames = s.getFields().stream().map(f -> "field " + s.getName() + "." + f.name()).toArray(String[]::new);
        String names = out.constant("String[]", fieldNames);
        StringBuilder fields = new StringBuilder();
        Class<?> type = specific ? JavaClassSource.generatedClass((SpecificData) data, s, loader) : null;
        SpecificRecordBase sample = type != null ? JavaClassSource.sample(type, s) : null;
        for (Schema.Field f : s.getFields()) {
            String x = local();
            fields.append("f = ").append(f.pos()).append(";\nObject ").append(x).append(" = r.get(").append(f.pos()).append(");\n");
            if (sample == null) {
                fields.append(write(f.schema(), x));
                continue;
            }
            // As SpecificDatumWriter: a generated record converts its own fields with its own conversions.
            Conversion<?> conversion = sample.getConversion(f.pos());
            LogicalType logical = f.schema().getLogicalType();
            if (conversion != null && logical != null) {
                fields.append(x).append(" = org.apache.avro.Conversions.convertToRawType(").append(x).append(", ").append(schema(f.schema()))
                        .append(", ").append(out.constant("org.apache.avro.LogicalType", logical)).append(", ")
                        .append(out.constant("org.apache.avro.Conversion", conversion)).append(");\n");
            }
            fields.append(writeRaw(f.schema(), x));
        }
        String written = "int f = 0;\ntry {\n" + fields + "} catch (RuntimeException e) {\nthrow " + HELPERS + ".fieldError(" + names + "[f], e);\n}";
        if (type == null) {
            out.method("void", name, SIGNATURE, "org.apache.avro.generic.IndexedRecord r = (org.apache.avro.generic.IndexedRecord) "
                    + present("v", s) + ";\n" + written);
        } else {
            String others = out.constant("org.apache.avro.io.DatumWriter", AvroModel.SPECIFIC.writer(s, data));
            String cls = type.getCanonicalName();
            out.method("void", name, SIGNATURE, "if (v == null || v.getClass() != " + cls + ".class) {\n" + others + ".write(v, out);\nreturn;\n}\n"
                    + cls + " r = (" + cls + ") v;\n" + written);
        }
        return name;
    }
}
