package dev.sluice.stream.elastic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The index mapping for documents of an Avro schema, as {@link DocumentEncoder} writes them:
 * strings {@code keyword} (or {@code text} with a {@code .keyword} sub-field for the fields named
 * as text), enums and UUIDs {@code keyword}, timestamps and dates {@code date}, Avro's numeric
 * widths kept ({@code integer}, {@code long}, {@code float}, {@code double}; decimals {@code double}),
 * bytes {@code binary}, records {@code object} with their own properties, arrays the mapping of
 * their items, maps dynamic objects. A nullable field maps as its non-null branch; a field of a
 * wider union is left to dynamic mapping. Field names are paths ({@code address.city}) when named as text.
 */
final class ElasticMapping {

    /** Dates as the encoder writes them (ISO-8601), and epoch milliseconds as a search may give them. */
    static final String DATE_FORMAT = "strict_date_optional_time||epoch_millis";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ElasticMapping() {}

    /** {@code {"dynamic": true, "properties": {...}}} for records of {@code schema}. */
    static ObjectNode of(Schema schema, Set<String> textFields) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("an index mapping needs a record schema, got " + schema.getType());
        }
        ObjectNode mapping = JSON.objectNode();
        mapping.put("dynamic", true);
        mapping.set("properties", properties(schema, "", textFields, new ArrayDeque<>()));
        return mapping;
    }

    private static ObjectNode properties(Schema record, String path, Set<String> textFields, Deque<String> enclosing) {
        if (enclosing.contains(record.getFullName())) {
            throw new IllegalArgumentException("record " + record.getFullName() + " contains itself: a recursive schema has no finite mapping");
        }
        enclosing.push(record.getFullName());
        ObjectNode props = JSON.objectNode();
        for (Schema.Field f : record.getFields()) {
            ObjectNode field = field(f.schema(), path + f.name(), textFields, enclosing);
            if (field != null) {
                props.set(f.name(), field);
            }
        }
        enclosing.pop();
        return props;
    }

    /** The mapping of one field, or null to leave it to dynamic mapping. */
    private static ObjectNode field(Schema schema, String path, Set<String> textFields, Deque<String> enclosing) {
        Schema s = nonNull(schema);
        if (s == null) {
            return null;
        }
        LogicalType logical = s.getLogicalType();
        return switch (s.getType()) {
            case STRING -> logical instanceof LogicalTypes.Uuid ? type("keyword") : textFields.contains(path) ? text() : keyword();
            case ENUM -> type("keyword");
            case BOOLEAN -> type("boolean");
            case INT -> logical instanceof LogicalTypes.Date ? date() : type("integer");
            case LONG -> isTimestamp(logical) ? date() : type("long");
            case FLOAT -> type("float");
            case DOUBLE -> type("double");
            case BYTES, FIXED -> logical instanceof LogicalTypes.Decimal ? type("double") : type("binary");
            case RECORD -> {
                ObjectNode object = type("object");
                object.set("properties", properties(s, path + ".", textFields, enclosing));
                yield object;
            }
            case ARRAY -> field(s.getElementType(), path, textFields, enclosing);
            case MAP -> type("object").put("dynamic", true);
            case UNION, NULL -> null;
        };
    }

    static boolean isTimestamp(LogicalType logical) {
        return logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
                || logical instanceof LogicalTypes.LocalTimestampMillis || logical instanceof LogicalTypes.LocalTimestampMicros;
    }

    static boolean isMicros(LogicalType logical) {
        return logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros;
    }

    /** The one non-null branch of a nullable union, the schema itself if not a union, null for a wider union. */
    static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        Schema only = null;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                if (only != null) {
                    return null;
                }
                only = branch;
            }
        }
        return only;
    }

    private static ObjectNode type(String type) {
        return JSON.objectNode().put("type", type);
    }

    /** Longer values are kept in the source but not indexed: Lucene refuses terms over 32,766 bytes, a whole document with them. */
    private static ObjectNode keyword() {
        return type("keyword").put("ignore_above", 8191);
    }

    private static ObjectNode date() {
        return type("date").put("format", DATE_FORMAT);
    }

    private static ObjectNode text() {
        ObjectNode text = type("text");
        text.putObject("fields").putObject("keyword").put("type", "keyword").put("ignore_above", 256);
        return text;
    }
}
