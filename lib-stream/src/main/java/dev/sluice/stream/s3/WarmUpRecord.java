package dev.sluice.stream.s3;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A record of a given schema with a plain value in every field (empty strings, zeros, the first
 * enum symbol, one element in each array and map, the first non-null branch of each union), so
 * writing it once touches every column's writer. Only for warming an encoder up: its values mean
 * nothing.
 */
final class WarmUpRecord {

    /** Below this depth a union takes its null branch, so a recursive schema ends. */
    private static final int MAX_DEPTH = 8;

    private WarmUpRecord() {}

    static GenericRecord of(Schema record) {
        return (GenericRecord) value(record, 0);
    }

    private static Object value(Schema s, int depth) {
        return switch (s.getType()) {
            case RECORD -> {
                GenericData.Record r = new GenericData.Record(s);
                s.getFields().forEach(f -> r.put(f.pos(), value(f.schema(), depth + 1)));
                yield r;
            }
            case UNION -> {
                Schema branch = s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).findFirst().orElse(null);
                boolean nullable = s.getTypes().size() > (branch == null ? 0 : 1);
                yield branch == null || (nullable && depth > MAX_DEPTH) ? null : value(branch, depth + 1);
            }
            case ARRAY -> List.of(value(s.getElementType(), depth + 1));
            case MAP -> Map.of("k", value(s.getValueType(), depth + 1));
            case ENUM -> new GenericData.EnumSymbol(s, s.getEnumSymbols().get(0));
            case FIXED -> new GenericData.Fixed(s, new byte[s.getFixedSize()]);
            case STRING -> "";
            case BYTES -> ByteBuffer.wrap(new byte[] {0}); // one byte: a decimal's unscaled zero
            case INT -> 0;
            case LONG -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case BOOLEAN -> false;
            case NULL -> null;
        };
    }
}
