package dev.sluice.catalog;

import java.util.List;
import org.apache.avro.Schema;

/** How catalogs read Avro field types: an optional field's type is the non-null branch of its union. */
public final class AvroTypes {

    private AvroTypes() {}

    /** The one non-null branch of a {@code ["null", T]} union, or {@code s} itself (a wider union stays a union). */
    public static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        List<Schema> branches = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : s;
    }

    public static boolean isNullable(Schema s) {
        return s.getType() == Schema.Type.NULL
                || s.getType() == Schema.Type.UNION && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }
}
