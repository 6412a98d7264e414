package dev.sluice.stream.s3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * The distinct record schemas one writer has seen, numbered, and which of a file's schemas it is
 * written with. The choice depends only on the schemas in the file (never on what else the writer
 * saw), so a replay of the same records chooses the same schema. Thread-safe for readers: ids and
 * schemas are only appended.
 */
final class FileSchemas {

    private final Map<Schema, Integer> byIdentity = new IdentityHashMap<>();
    private final Map<Schema, Integer> byValue = new HashMap<>();
    private final List<Schema> schemas = new CopyOnWriteArrayList<>();
    private final Map<Long, Boolean> canRead = new HashMap<>();

    int id(Schema schema) {
        Integer id = byIdentity.get(schema);
        if (id == null) {
            id = byValue.computeIfAbsent(schema, s -> {
                schemas.add(s);
                return schemas.size() - 1;
            });
            byIdentity.put(schema, id);
        }
        return id;
    }

    Schema schema(int id) {
        return schemas.get(id);
    }

    /**
     * The schema a file holding records of {@code ids} (in order of first appearance) is written with:
     * one that can read all the others (Avro resolution), preferring one that has every other's
     * fields (the newest of an added-field evolution), then the last to appear. -1 when none can
     * read all: the schemas are incompatible and cannot share a file.
     */
    int choose(List<Integer> ids) {
        List<Integer> readers = new ArrayList<>();
        for (int candidate : ids) {
            boolean readsAll = true;
            for (int other : ids) {
                readsAll &= other == candidate || canRead(candidate, other);
            }
            if (readsAll) {
                readers.add(candidate);
            }
        }
        if (readers.isEmpty()) {
            return -1;
        }
        int chosen = readers.get(readers.size() - 1);
        for (int candidate : readers) {
            if (hasAllFields(candidate, ids)) {
                chosen = candidate;
            }
        }
        return chosen;
    }

    /** Why {@code writer}'s records cannot be read with {@code reader}, for the log: the top-level field and Avro's reason. */
    String incompatibility(int reader, int writer) {
        List<String> reasons = new ArrayList<>();
        for (SchemaCompatibility.Incompatibility i : SchemaCompatibility.checkReaderWriterCompatibility(schema(reader), schema(writer))
                .getResult().getIncompatibilities()) {
            String location = i.getLocation();
            String field = "";
            Matcher m = Pattern.compile("^/fields/(\\d+)").matcher(location);
            if (m.find() && Integer.parseInt(m.group(1)) < schema(reader).getFields().size()) {
                field = schema(reader).getFields().get(Integer.parseInt(m.group(1))).name() + " ";
            }
            reasons.add(field + "(" + location + "): " + i.getMessage());
        }
        return String.join("; ", reasons);
    }

    private boolean canRead(int reader, int writer) {
        return canRead.computeIfAbsent(((long) reader << 32) | writer, k -> SchemaCompatibility
                .checkReaderWriterCompatibility(schema(reader), schema(writer)).getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    private boolean hasAllFields(int candidate, List<Integer> ids) {
        Set<String> names = new HashSet<>();
        schema(candidate).getFields().forEach(f -> names.add(f.name()));
        for (int other : ids) {
            for (Schema.Field f : schema(other).getFields()) {
                if (!names.contains(f.name())) {
                    return false;
                }
            }
        }
        return true;
    }
}
