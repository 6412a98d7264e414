package dev.sluice.api.codec;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;

/**
 * Reads Java {@code record} classes for {@link AvroModel#REFLECT}. Avro's reflection sets a
 * class's fields after a no-argument constructor, which a record has not, and a record's fields
 * are final; so the datum is read as a generic record and each Java record is built through its
 * canonical constructor, components matched to fields by name. Components may be primitives and
 * their boxes, strings, enums, {@code byte[]} and {@code ByteBuffer}, nested records, arrays,
 * lists, sets and string-keyed maps of those.
 *
 * @param <T> the record class
 */
final class JavaRecordReader<T> implements DatumReader<T> {

    private final GenericDatumReader<Object> generic;
    private final Class<T> type;

    JavaRecordReader(Schema writer, Schema reader, Class<T> type) {
        this.generic = new GenericDatumReader<>(writer, reader, new GenericData(type.getClassLoader()));
        this.type = type;
    }

    @Override
    public void setSchema(Schema schema) {
        generic.setSchema(schema);
    }

    @Override
    public T read(T reuse, Decoder in) throws IOException {
        return type.cast(convert(generic.read(null, in), generic.getExpected(), type, type.getName()));
    }

    private static Object convert(Object v, Schema schema, Type target, String path) {
        if (v == null) {
            if (target instanceof Class<?> c && c.isPrimitive()) {
                throw new AvroTypeException(path + ": null for the primitive " + c.getName());
            }
            return null;
        }
        Schema s = schema.getType() == Schema.Type.UNION ? schema.getTypes().get(GenericData.get().resolveUnion(schema, v)) : schema;
        Class<?> raw = rawClass(target);
        return switch (s.getType()) {
            case RECORD -> record((GenericRecord) v, raw, path);
            case ENUM -> enumConstant(raw, v.toString(), path);
            case STRING -> raw == String.class || raw == Object.class ? v.toString() : v;
            case BYTES -> raw == byte[].class ? bytes((ByteBuffer) v) : v;
            case FIXED -> raw == byte[].class ? ((GenericFixed) v).bytes().clone() : v;
            case ARRAY -> array((Collection<?>) v, s.getElementType(), target, raw, path);
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                Type valueType = typeArgument(target, 1);
                ((Map<?, ?>) v).forEach((k, e) -> out.put(k.toString(), convert(e, s.getValueType(), valueType, path + "{" + k + "}")));
                yield out;
            }
            case INT -> narrow((Integer) v, raw);
            default -> v; // long, float, double, boolean as read
        };
    }

    private static Object record(GenericRecord g, Class<?> raw, String path) {
        if (!raw.isRecord()) {
            throw new AvroTypeException(path + ": " + raw.getName() + " is not a Java record; a nested value must be a record here");
        }
        RecordComponent[] components = raw.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Schema.Field f = g.getSchema().getField(c.getName());
            if (f == null) {
                throw new AvroTypeException(path + ": the schema " + g.getSchema().getFullName() + " has no field " + c.getName());
            }
            args[i] = convert(g.get(f.pos()), f.schema(), c.getGenericType(), path + "." + c.getName());
        }
        try {
            Constructor<?> canonical = raw.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new AvroTypeException(path + ": " + raw.getSimpleName() + "'s constructor refused the values: " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new AvroTypeException(path + ": cannot build " + raw.getName() + ": " + e);
        }
    }

    private static Object array(Collection<?> values, Schema element, Type target, Class<?> raw, String path) {
        if (raw.isArray()) {
            Class<?> component = raw.getComponentType();
            Object out = Array.newInstance(component, values.size());
            int i = 0;
            for (Object e : values) {
                Array.set(out, i, convert(e, element, target instanceof GenericArrayType g ? g.getGenericComponentType() : component,
                        path + "[" + i + "]"));
                i++;
            }
            return out;
        }
        Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>(values.size());
        Type elementType = typeArgument(target, 0);
        int i = 0;
        for (Object e : values) {
            out.add(convert(e, element, elementType, path + "[" + i++ + "]"));
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> raw, String symbol, String path) {
        if (!raw.isEnum()) {
            return symbol;
        }
        try {
            return Enum.valueOf((Class<Enum>) raw, symbol);
        } catch (IllegalArgumentException e) {
            throw new AvroTypeException(path + ": " + raw.getSimpleName() + " has no constant " + symbol);
        }
    }

    /** Avro reflection writes byte, short and char as int (with a java-class property): back to the component's type. */
    private static Object narrow(Integer v, Class<?> raw) {
        if (raw == short.class || raw == Short.class) {
            return v.shortValue();
        }
        if (raw == byte.class || raw == Byte.class) {
            return v.byteValue();
        }
        if (raw == char.class || raw == Character.class) {
            return (char) v.intValue();
        }
        return v;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof GenericArrayType g) {
            return Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    private static Type typeArgument(Type t, int i) {
        return t instanceof ParameterizedType p && p.getActualTypeArguments().length > i ? p.getActualTypeArguments()[i] : Object.class;
    }
}
