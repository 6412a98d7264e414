package dev.sluice.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.formats.JsonAvroConverter;
import dev.sluice.formats.JsonConversionException;
import dev.sluice.formats.JsonConversionException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Maps one API item onto the Avro schema: each field is read at its JSON pointer (default
 * {@code /<field>}), then converted by {@link JsonAvroConverter}. Errors name the field path and
 * the pointer it was read from: {@code $.amount (at /price/value): expected double, got "n/a"}.
 */
final class ItemMapper {

    private final JsonAvroConverter converter;
    private final Map<String, String> pointers = new LinkedHashMap<>();

    ItemMapper(Schema schema, Map<String, String> fields) {
        this.converter = new JsonAvroConverter(schema);
        for (Schema.Field f : schema.getFields()) {
            pointers.put(f.name(), fields.getOrDefault(f.name(), "/" + f.name()));
        }
    }

    /** @throws JsonConversionException listing every field that does not fit */
    GenericRecord map(JsonNode item) {
        if (!item.isObject()) {
            throw new JsonConversionException(List.of(new FieldError("$", "expected a JSON object, got " + item.getNodeType().name().toLowerCase())));
        }
        ObjectNode flat = JsonNodeFactory.instance.objectNode();
        pointers.forEach((field, pointer) -> {
            JsonNode v = item.at(pointer);
            if (!v.isMissingNode()) {
                flat.set(field, v);
            }
        });
        try {
            return converter.convert(flat);
        } catch (JsonConversionException e) {
            List<FieldError> located = new ArrayList<>();
            for (FieldError err : e.errors()) {
                String field = topField(err.path());
                String pointer = field == null ? null : pointers.get(field);
                located.add(pointer == null ? err : new FieldError(err.path() + " (at " + pointer + ")", err.reason()));
            }
            throw new JsonConversionException(located);
        }
    }

    private static String topField(String path) {
        if (!path.startsWith("$.")) {
            return null;
        }
        int end = 2;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        return path.substring(2, end);
    }
}
