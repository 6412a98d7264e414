package dev.sluice.api.codec;

import dev.sluice.api.annotation.Internal;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.io.Encoder;
import org.apache.avro.util.Utf8;

/**
 * How Avro's generic and specific writers write a value, one rule each, with their errors: for
 * Sluice's own writers ({@code CompiledDatumWriter}, and the code the formats module generates per
 * schema, which is why this is public). Not for users.
 */
@Internal
public final class AvroWriting {

    /** The classes SpecificData writes as strings through their toString (its stringable classes). */
    private static final Set<Class<?>> STRINGABLE = Set.of(BigDecimal.class, BigInteger.class, URI.class, URL.class, File.class);

    private AvroWriting() {}

    /** The value, or the error Avro's writer gives for a null of a non-nullable {@code type} ("string", "long", ...). */
    public static Object present(Object v, String type) {
        if (v == null) {
            throw new NullPointerException("null value for (non-nullable) " + type);
        }
        return v;
    }

    /** A string: a Utf8 as is, any other CharSequence (or, specific, a stringable class) through its toString. */
    public static void writeString(Object v, Encoder out, boolean specific) throws IOException {
        if (v instanceof Utf8 u) {
            out.writeString(u);
        } else if (v instanceof CharSequence || (v != null && specific && STRINGABLE.contains(v.getClass()))) {
            out.writeString(v.toString());
        } else {
            throw v == null ? new NullPointerException("null value for (non-nullable) string")
                    : new AvroTypeException("not a string: " + v.getClass().getName());
        }
    }

    /** The enum's ordinal: a generated enum's own (specific), else its symbol's position in the schema. */
    public static int enumOrdinal(Schema s, Object v, boolean specific) {
        if (specific && v instanceof Enum<?> e) {
            return e.ordinal();
        }
        if (!(present(v, "enum") instanceof GenericEnumSymbol<?>)) {
            throw new AvroTypeException("Not an enum: " + v + " for schema: " + s);
        }
        return s.getEnumOrdinal(v.toString());
    }

    /**
     * A value with a conversion for its class, converted to the raw type first; looked up for every
     * value, as Avro does, so a conversion added to the model later still applies.
     */
    public static Object toRaw(GenericData data, Object v, Schema s, LogicalType logical) {
        Conversion<?> conversion = v == null ? null : data.getConversionByClass(v.getClass(), logical);
        return conversion == null ? v : Conversions.convertToRawType(v, s, logical, conversion);
    }

    /** What to throw for {@code e} while writing {@code field} ("field R.f"): a missing or wrong value named by its field, anything else as it is. */
    public static RuntimeException fieldError(String field, RuntimeException e) {
        if (e instanceof NullPointerException || e instanceof ClassCastException || e instanceof AvroRuntimeException) {
            return new AvroTypeException(field + ": " + e.getMessage(), e);
        }
        return e;
    }
}
