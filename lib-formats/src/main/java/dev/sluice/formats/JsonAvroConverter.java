package dev.sluice.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.Require;
import dev.sluice.api.error.DataException;
import dev.sluice.formats.JsonConversionException.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts plain JSON (as APIs send it, not Avro's JSON encoding with union wrappers) into Avro
 * generic records of a schema, reporting every mismatch with its field path.
 *
 * <p>Rules: a missing or null field takes the field's default, or null when the field is
 * nullable, and is an error otherwise; unions take the first branch the value fits; fields the
 * schema does not know are ignored; numbers are not coerced from strings (a string where a number
 * belongs is an error), but logical types accept their usual text forms (ISO-8601 instants and
 * dates, decimal strings). Thread-safe; the schema is fixed at construction.
 */
public final class JsonAvroConverter {

    static final ObjectMapper JSON = new ObjectMapper(); // also reads the nested values of JsonFieldNodes

    private final Schema schema;
    private final JsonValueConverter values = new JsonValueConverter();
    private final JsonFieldNodes fields;

    public JsonAvroConverter(Schema schema) {
        this.schema = Require.nonNull(schema, "schema");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("schema must be a record, got " + schema.getType());
        }
        this.fields = new JsonFieldNodes(schema);
    }

    public Schema schema() {
        return schema;
    }

    /** Parses and converts one JSON document; parse errors name the line and column. */
    public GenericRecord convert(String json) {
        Require.nonNull(json, "json");
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                String expected = JsonValueConverter.describe(schema);
                throw new JsonConversionException(List.of(new FieldError("$", "expected " + expected + ", got nothing")));
            }
            if (first != JsonToken.START_OBJECT) {
                return convert((JsonNode) JSON.readTree(p)); // not an object: the tree's path names what it is
            }
            return convert(p);
        } catch (JsonProcessingException e) {
            throw new DataException("invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Converts the JSON object at the parser's current token (its START_OBJECT), reading it up to
     * its END_OBJECT without building its tree (fields the schema does not know are skipped); the
     * same rules and errors as {@link #convert(JsonNode)}. The whole object is read before a
     * {@link JsonConversionException} is thrown, so the parser stays at the object's end either way.
     *
     * @throws IOException the JSON is malformed (Jackson's exception names line and column)
     */
    public GenericRecord convert(JsonParser parser) throws IOException {
        JsonFieldNodes.Read read = fields.read(parser);
        List<FieldError> errors = new ArrayList<>();
        GenericRecord result = values.fields(read.nodes(), read.values(), schema, fields.paths(), errors);
        if (!errors.isEmpty()) {
            throw new JsonConversionException(errors);
        }
        return result;
    }

    /** Converts a parsed JSON object; throws {@link JsonConversionException} listing every problem. */
    public GenericRecord convert(JsonNode json) {
        List<FieldError> errors = new ArrayList<>();
        Object result = values.convert(json, schema, "$", errors);
        if (!errors.isEmpty()) {
            throw new JsonConversionException(errors);
        }
        return (GenericRecord) result;
    }

    /** Converts JSON values for one schema node at a time; appends errors instead of throwing. */
    static final class JsonValueConverter {

        Object convert(JsonNode node, Schema s, String path, List<FieldError> errors) {
            if (s.getType() == Schema.Type.UNION) {
                return union(node, s, path, errors);
            }
            if (node == null || node.isNull()) {
                if (s.getType() != Schema.Type.NULL) {
                    errors.add(new FieldError(path, "expected " + describe(s) + ", got null"));
                }
                return null;
            }
            return switch (s.getType()) {
                case RECORD -> record(node, s, path, errors);
                case ARRAY -> array(node, s, path, errors);
                case MAP -> map(node, s, path, errors);
                case NULL -> mismatch(node, s, path, errors);
                default -> JsonScalars.convert(node, s, path, errors);
            };
        }

        private Object record(JsonNode node, Schema s, String path, List<FieldError> errors) {
            if (!node.isObject()) {
                return mismatch(node, s, path, errors);
            }
            JsonNode[] nodes = new JsonNode[s.getFields().size()];
            String[] paths = new String[nodes.length];
            for (Schema.Field f : s.getFields()) {
                nodes[f.pos()] = node.get(f.name());
                paths[f.pos()] = path + "." + f.name();
            }
            return fields(nodes, null, s, paths, errors);
        }

        /**
         * The record of {@code s} from one node per field ({@code null} for an absent field), or
         * the field's value already converted where {@code values} has one, and each field's path.
         */
        GenericRecord fields(JsonNode[] nodes, Object[] values, Schema s, String[] paths, List<FieldError> errors) {
            GenericData.Record rec = new GenericData.Record(s);
            for (Schema.Field f : s.getFields()) {
                if (values != null && values[f.pos()] != null) {
                    rec.put(f.pos(), values[f.pos()]);
                    continue;
                }
                String fieldPath = paths[f.pos()];
                JsonNode v = nodes[f.pos()];
                if ((v == null || v.isNull()) && f.hasDefaultValue()) {
                    rec.put(f.pos(), GenericData.get().getDefaultValue(f));
                } else if (v == null && !nullable(f.schema())) {
                    errors.add(new FieldError(fieldPath, "required field is missing"));
                } else {
                    rec.put(f.pos(), convert(v, f.schema(), fieldPath, errors));
                }
            }
            return rec;
        }

        private Object array(JsonNode node, Schema s, String path, List<FieldError> errors) {
            if (!node.isArray()) {
                return mismatch(node, s, path, errors);
            }
            List<Object> out = new GenericData.Array<>(node.size(), s);
            for (int i = 0; i < node.size(); i++) {
                out.add(convert(node.get(i), s.getElementType(), path + "[" + i + "]", errors));
            }
            return out;
        }

        private Object map(JsonNode node, Schema s, String path, List<FieldError> errors) {
            if (!node.isObject()) {
                return mismatch(node, s, path, errors);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), convert(e.getValue(), s.getValueType(), path + "." + e.getKey(), errors));
            }
            return out;
        }

        private Object union(JsonNode node, Schema s, String path, List<FieldError> errors) {
            if (node == null || node.isNull()) {
                if (nullable(s)) {
                    return null;
                }
                errors.add(new FieldError(path, "expected " + describe(s) + ", got null"));
                return null;
            }
            for (Schema branch : s.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    continue;
                }
                List<FieldError> trial = new ArrayList<>();
                Object v = convert(node, branch, path, trial);
                if (trial.isEmpty()) {
                    return v;
                }
                if (s.getTypes().size() == 2 && nullable(s)) {
                    errors.addAll(trial); // an optional field: report the real problem inside it
                    return null;
                }
            }
            errors.add(new FieldError(path, "expected " + describe(s) + ", got " + JsonScalars.show(node)));
            return null;
        }

        private static Object mismatch(JsonNode node, Schema s, String path, List<FieldError> errors) {
            errors.add(new FieldError(path, "expected " + describe(s) + ", got " + JsonScalars.show(node)));
            return null;
        }

        static boolean nullable(Schema s) {
            return s.getType() == Schema.Type.NULL
                    || (s.getType() == Schema.Type.UNION && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL));
        }

        static String describe(Schema s) {
            return switch (s.getType()) {
                case UNION -> "one of " + s.getTypes().stream().map(JsonValueConverter::describe).toList();
                case RECORD -> "object (" + s.getName() + ")";
                case ARRAY -> "array";
                case MAP -> "object (map)";
                case ENUM -> "one of " + s.getEnumSymbols();
                default -> s.getLogicalType() != null ? s.getLogicalType().getName() : s.getType().getName();
            };
        }
    }
}
