package dev.sluice.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Reads one JSON object from a streaming parser into one node per field of a record schema, the
 * nodes {@code ObjectMapper.readTree} would have given for those fields (the last of repeated
 * names, {@code null} for absent ones), without building the object's tree: fields the schema
 * does not know are skipped unread, and a scalar becomes its node straight from the token. A
 * nested object or array under a known field is read as a tree. Where a token is exactly what
 * its field's plain type takes (text for a string, an integer within range for an int or a long,
 * a number with a fraction or an exponent for a double, true or false for a boolean; also as the one non-null
 * branch of a union), its Avro value is taken from the token instead, the value the node would
 * have converted to: no node, no second dispatch. Thread-safe.
 */
final class JsonFieldNodes {

    /** One object's fields: {@code values[i]} when the token gave field i's value directly, else {@code nodes[i]}. */
    record Read(JsonNode[] nodes, Object[] values) {}

    /** The plain types whose values are taken from a matching token. */
    private enum Direct { NONE, STRING, INT, LONG, DOUBLE, BOOLEAN }

    private final String[] names;
    private final String[] paths;
    private final Direct[] direct;
    private final Map<String, Integer> positions = new HashMap<>();

    JsonFieldNodes(Schema record) {
        List<Schema.Field> fields = record.getFields();
        names = new String[fields.size()];
        paths = new String[fields.size()];
        direct = new Direct[fields.size()];
        for (Schema.Field f : fields) {
            // Jackson interns the names it parses (its default), so a name in the schema's order is found by
            // identity; any other name, or one not interned, is found through the map.
            names[f.pos()] = f.name().intern();
            positions.put(names[f.pos()], f.pos());
            paths[f.pos()] = "$." + f.name();
            direct[f.pos()] = direct(f.schema());
        }
    }

    private static Direct direct(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> branches = s.getTypes();
            boolean optional = branches.size() == 2 && branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
            return optional ? direct(branches.get(branches.get(0).getType() == Schema.Type.NULL ? 1 : 0)) : Direct.NONE;
        }
        if (s.getLogicalType() != null && s.getType() != Schema.Type.LONG) {
            return Direct.NONE;
        }
        // A long's logical types (timestamps) take an integer as it is; their text forms go the node's way.
        return switch (s.getType()) {
            case STRING -> Direct.STRING;
            case INT -> Direct.INT;
            case LONG -> Direct.LONG;
            case DOUBLE -> Direct.DOUBLE;
            case BOOLEAN -> Direct.BOOLEAN;
            default -> Direct.NONE;
        };
    }

    /** Each field's path in error messages, {@code $.<name>}, by position (not to be modified). */
    String[] paths() {
        return paths;
    }

    /**
     * Reads the object whose START_OBJECT is the parser's current token, up to and including its
     * END_OBJECT.
     *
     * @throws IOException the JSON is malformed (Jackson's exception names line and column)
     */
    Read read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("the parser is not at an object's start but at " + p.currentToken());
        }
        JsonNode[] nodes = new JsonNode[names.length];
        Object[] values = new Object[names.length];
        int expected = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            int pos;
            if (expected < names.length && name == names[expected]) {
                pos = expected;
            } else {
                Integer known = positions.get(name);
                pos = known == null ? -1 : known;
            }
            JsonToken value = p.nextToken();
            if (pos < 0) {
                p.skipChildren();
                continue;
            }
            Object v = value(p, value, direct[pos]);
            values[pos] = v;
            nodes[pos] = v == null ? node(p, value) : null;
            expected = pos + 1;
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IllegalStateException("the parser ended an object at " + p.currentToken());
        }
        return new Read(nodes, values);
    }

    /** The field's value straight from the token, or null where the token needs the node's way (and its checks). */
    private static Object value(JsonParser p, JsonToken t, Direct d) throws IOException {
        return switch (d) {
            case STRING -> t == JsonToken.VALUE_STRING ? p.getText() : null;
            case INT -> t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT ? (Object) p.getIntValue() : null;
            case LONG -> t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? (Object) p.getLongValue() : null;
            case DOUBLE -> t == JsonToken.VALUE_NUMBER_FLOAT ? (Object) p.getDoubleValue() : null;
            case BOOLEAN -> t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
            case NONE -> null;
        };
    }

    /** The node readTree makes of the value at the parser's current token (its defaults: doubles for fractions). */
    private static JsonNode node(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> IntNode.valueOf(p.getIntValue());
                case LONG -> LongNode.valueOf(p.getLongValue());
                default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> DoubleNode.valueOf(p.getDoubleValue());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.getInstance();
            default -> JsonAvroConverter.JSON.readTree(p); // START_OBJECT, START_ARRAY: read to the matching end
        };
    }
}
