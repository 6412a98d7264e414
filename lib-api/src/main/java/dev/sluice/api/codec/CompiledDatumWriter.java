package dev.sluice.api.codec;

import java.io.IOException;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Writes generic and specific records as Avro's own {@code GenericDatumWriter} and
 * {@code SpecificDatumWriter} do, byte for byte, through a tree of writers built once per schema:
 * each field's type, union branches and logical-type conversion are settled when the tree is built,
 * not looked up again for every value as Avro's writers do. Unions take a value's branch from its
 * Java type when that is unambiguous and ask the data model otherwise. For Avro's stock models
 * only: a subclass's overrides (of {@code isEnum}, {@code getField}, the stringable classes) are
 * not consulted, nor is the {@code use_custom_coders} switch (its bytes are the same). Errors are
 * {@link AvroTypeException}s that name the field. Thread-safe: the tree is immutable once built.
 */
final class CompiledDatumWriter<T> implements DatumWriter<T> {

    /** Writes one value of the node's schema. */
    @FunctionalInterface
    private interface Node {
        void write(Object value, Encoder out) throws IOException;
    }

    private final GenericData data;
    private final boolean specific;
    private final Schema schema;
    private final Map<Schema, Fields> records = new IdentityHashMap<>(); // while building: a record's fields, filled after its node exists
    private final Node root;

    CompiledDatumWriter(Schema schema, GenericData data) {
        this.data = data;
        this.specific = data instanceof SpecificData;
        this.schema = schema;
        this.root = node(schema);
        records.clear();
    }

    /** Accepts only the schema it was built for (as {@code DataFileWriter.create} passes it): the tree is built once. */
    @Override
    public void setSchema(Schema schema) {
        if (schema != this.schema && !schema.equals(this.schema)) {
            throw new UnsupportedOperationException("this writer is built for " + this.schema.getFullName() + ", not " + schema.getFullName());
        }
    }

    @Override
    public void write(T datum, Encoder out) throws IOException {
        root.write(datum, out);
    }

    private Node node(Schema s) {
        Node raw = rawNode(s);
        LogicalType logical = s.getLogicalType();
        return logical == null ? raw : converting(s, logical, raw);
    }

    /** As Avro's writer: a value with a conversion for its class is converted to the raw type first. */
    private Node converting(Schema s, LogicalType logical, Node raw) {
        return (value, out) -> raw.write(AvroWriting.toRaw(data, value, s, logical), out);
    }

    private Node rawNode(Schema s) {
        return switch (s.getType()) {
            case NULL -> (v, out) -> out.writeNull();
            case BOOLEAN -> (v, out) -> out.writeBoolean((Boolean) present(v, s));
            case INT -> (v, out) -> out.writeInt(((Number) present(v, s)).intValue());
            case LONG -> (v, out) -> out.writeLong(((Number) present(v, s)).longValue());
            case FLOAT -> (v, out) -> out.writeFloat(((Number) present(v, s)).floatValue());
            case DOUBLE -> (v, out) -> out.writeDouble(((Number) present(v, s)).doubleValue());
            case STRING -> (v, out) -> AvroWriting.writeString(v, out, specific);
            case BYTES -> (v, out) -> out.writeBytes((java.nio.ByteBuffer) present(v, s));
            case FIXED -> (v, out) -> out.writeFixed(((GenericFixed) present(v, s)).bytes(), 0, s.getFixedSize());
            case ENUM -> (v, out) -> out.writeEnum(AvroWriting.enumOrdinal(s, v, specific));
            case ARRAY -> array(s);
            case MAP -> map(s);
            case UNION -> union(s);
            case RECORD -> record(s);
        };
    }

    private static Object present(Object v, Schema s) {
        return AvroWriting.present(v, s.getType().getName());
    }

    private Node array(Schema s) {
        Node element = node(s.getElementType());
        return (v, out) -> {
            Collection<?> items = (Collection<?>) present(v, s);
            long size = items.size();
            out.writeArrayStart();
            out.setItemCount(size);
            long written = 0;
            for (Object item : items) {
                out.startItem();
                element.write(item, out);
                written++;
            }
            out.writeArrayEnd();
            if (written != size) {
                throw new ConcurrentModificationException("array size " + size + " but " + written + " elements written");
            }
        };
    }

    private Node map(Schema s) {
        Node value = node(s.getValueType());
        return (v, out) -> {
            Map<?, ?> entries = (Map<?, ?>) present(v, s);
            int size = entries.size();
            out.writeMapStart();
            out.setItemCount(size);
            int written = 0;
            for (Map.Entry<?, ?> e : entries.entrySet()) {
                out.startItem();
                out.writeString(e.getKey().toString()); // as Avro: a key through String, so malformed UTF-8 in a Utf8 key is replaced alike
                value.write(e.getValue(), out);
                written++;
            }
            out.writeMapEnd();
            if (written != size) {
                throw new ConcurrentModificationException("map size " + size + " but " + written + " entries written");
            }
        };
    }

    private Node union(Schema s) {
        List<Schema> branches = s.getTypes();
        Node[] nodes = branches.stream().map(this::node).toArray(Node[]::new);
        int nullIndex = -1;
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).getType() == Schema.Type.NULL) {
                nullIndex = i;
            }
        }
        // The one non-null branch of a nullable union, taken directly when a value's Java type is that branch's own.
        int other = branches.size() == 2 && nullIndex >= 0 ? 1 - nullIndex : -1;
        Schema otherSchema = other < 0 ? null : branches.get(other);
        int nulls = nullIndex;
        return (v, out) -> {
            int index;
            if (v == null && nulls >= 0) {
                index = nulls;
            } else if (other >= 0 && ownType(otherSchema, v)) {
                index = other;
            } else {
                index = data.resolveUnion(s, v); // throws UnresolvedUnionException, as Avro's writer does
            }
            out.writeIndex(index);
            nodes[index].write(v, out);
        };
    }

    /** Whether {@code v} is the Java type the data model maps {@code branch} to, so resolving the union could only pick it. */
    private static boolean ownType(Schema branch, Object v) {
        if (branch.getLogicalType() != null) {
            return false; // an Instant or a long may both be right: let the model decide
        }
        return switch (branch.getType()) {
            case STRING -> v instanceof CharSequence;
            case LONG -> v instanceof Long;
            case INT -> v instanceof Integer;
            case DOUBLE -> v instanceof Double;
            case FLOAT -> v instanceof Float;
            case BOOLEAN -> v instanceof Boolean;
            case RECORD -> v instanceof IndexedRecord r && r.getSchema().getFullName().equals(branch.getFullName());
            default -> false;
        };
    }

    /** A record's writers by field position: {@code full} as Avro's generic writer writes a field, {@code raw} without the logical conversion. */
    private record Fields(Node[] full, Node[] raw) {}

    private Node record(Schema s) {
        Fields known = records.get(s);
        if (known != null) { // a recursive reference: the arrays are filled once the outer build returns
            return (v, out) -> writeFields(s, known, v, out);
        }
        int n = s.getFields().size();
        Fields fields = new Fields(new Node[n], new Node[n]);
        records.put(s, fields);
        for (Schema.Field f : s.getFields()) {
            fields.full()[f.pos()] = node(f.schema());
            fields.raw()[f.pos()] = rawNode(f.schema());
        }
        return (v, out) -> writeFields(s, fields, v, out);
    }

    private void writeFields(Schema s, Fields fields, Object v, Encoder out) throws IOException {
        IndexedRecord r = (IndexedRecord) present(v, s);
        // As SpecificDatumWriter: a generated record converts its own fields with its own conversions.
        SpecificRecordBase generated = specific && r instanceof SpecificRecordBase b ? b : null;
        for (int i = 0; i < fields.full().length; i++) {
            try {
                if (generated == null) {
                    fields.full()[i].write(r.get(i), out);
                } else {
                    Schema.Field f = s.getFields().get(i);
                    Conversion<?> conversion = generated.getConversion(i);
                    Object value = generated.get(i);
                    if (conversion != null && f.schema().getLogicalType() != null) {
                        value = Conversions.convertToRawType(value, f.schema(), f.schema().getLogicalType(), conversion);
                    }
                    fields.raw()[i].write(value, out);
                }
            } catch (RuntimeException e) {
                throw AvroWriting.fieldError("field " + s.getName() + "." + s.getFields().get(i).name(), e);
            }
        }
    }
}
