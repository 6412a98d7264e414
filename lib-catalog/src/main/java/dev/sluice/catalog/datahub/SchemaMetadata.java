package dev.sluice.catalog.datahub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.graph.LineageDataset;
import static dev.sluice.catalog.AvroTypes.isNullable;
import static dev.sluice.catalog.AvroTypes.nonNull;

import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * DataHub's {@code schemaMetadata} aspect from an Avro schema: one field per leaf and per nested
 * record, with dotted paths ({@code address.city}), DataHub's type class, the Avro type as the
 * native type, nullability from {@code ["null", ...]} unions and the field's doc as description.
 */
final class SchemaMetadata {

    private SchemaMetadata() {}

    static ObjectNode of(LineageDataset dataset, Schema schema) {
        ObjectNode a = Proposal.JSON.createObjectNode();
        a.put("schemaName", schema.getFullName());
        a.put("platform", Urns.dataPlatform(dataset.platform()));
        a.put("version", 0);
        // Same schema, same hash: DataHub shows a change only when the schema changed.
        a.put("hash", hash(schema));
        ObjectNode platformSchema = a.putObject("platformSchema");
        if ("kafka".equals(dataset.platform())) {
            ObjectNode kafka = platformSchema.putObject("com.linkedin.schema.KafkaSchema");
            kafka.put("documentSchema", schema.toString());
            kafka.put("documentSchemaType", "AVRO");
        } else {
            platformSchema.putObject("com.linkedin.schema.OtherSchema").put("rawSchema", schema.toString());
        }
        ArrayNode fields = a.putArray("fields");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("schema of " + dataset.urn() + " is " + schema.getType() + "; a dataset's records are Avro records");
        }
        addFields(fields, "", schema.getFields());
        return a;
    }

    private static String hash(Schema schema) {
        try {
            return HexFormat.of().formatHex(SchemaNormalization.parsingFingerprint("SHA-256", schema));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void addFields(ArrayNode out, String prefix, List<Schema.Field> fields) {
        for (Schema.Field f : fields) {
            String path = prefix + f.name();
            Schema type = nonNull(f.schema());
            ObjectNode field = out.addObject();
            field.put("fieldPath", path);
            field.put("nullable", isNullable(f.schema()));
            if (f.doc() != null) {
                field.put("description", f.doc());
            }
            field.put("nativeDataType", nativeType(type));
            field.putObject("type").putObject("type").putObject("com.linkedin.schema." + typeClass(type));
            field.put("recursive", false);
            if (type.getType() == Schema.Type.RECORD) {
                addFields(out, path + ".", type.getFields());
            }
        }
    }

    private static String nativeType(Schema s) {
        LogicalType logical = s.getLogicalType();
        String base = switch (s.getType()) {
            case RECORD, ENUM, FIXED -> s.getName();
            case ARRAY -> "array<" + nativeType(nonNull(s.getElementType())) + ">";
            case MAP -> "map<string," + nativeType(nonNull(s.getValueType())) + ">";
            case UNION -> "union";
            default -> s.getType().getName();
        };
        return logical == null ? base : base + "(" + logical.getName() + ")";
    }

    /** DataHub's {@code SchemaFieldDataType} member for an Avro type. */
    private static String typeClass(Schema s) {
        LogicalType logical = s.getLogicalType();
        if (logical != null) {
            switch (logical.getName()) {
                case "date": return "DateType";
                case "timestamp-millis", "timestamp-micros", "local-timestamp-millis", "local-timestamp-micros", "time-millis", "time-micros":
                    return "TimeType";
                case "decimal": return "NumberType";
                case "uuid": return "StringType";
                default: break;
            }
        }
        return switch (s.getType()) {
            case STRING -> "StringType";
            case INT, LONG, FLOAT, DOUBLE -> "NumberType";
            case BOOLEAN -> "BooleanType";
            case BYTES, FIXED -> "BytesType";
            case ENUM -> "EnumType";
            case RECORD -> "RecordType";
            case ARRAY -> "ArrayType";
            case MAP -> "MapType";
            case UNION -> "UnionType";
            case NULL -> "NullType";
        };
    }
}
