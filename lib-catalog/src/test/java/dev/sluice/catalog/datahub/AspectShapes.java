package dev.sluice.catalog.datahub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** The documented shapes (DataHub's PDL models) of the aspects Sluice sends: required fields and their kinds. */
final class AspectShapes {

    private static final Set<String> FIELD_TYPES = Set.of("StringType", "NumberType", "BooleanType", "BytesType", "EnumType",
            "RecordType", "ArrayType", "MapType", "UnionType", "NullType", "DateType", "TimeType");

    private AspectShapes() {}

    static void check(List<String> problems, String where, String aspect, JsonNode v) {
        switch (aspect) {
            case "schemaMetadata" -> {
                text(problems, where, v, "schemaName", "platform", "hash");
                FakeGms.check(problems, v.path("version").isIntegralNumber(), where + "version must be a number");
                FakeGms.check(problems, v.path("platformSchema").size() == 1, where + "platformSchema is a one-member union");
                for (JsonNode f : v.path("fields")) {
                    text(problems, where + "field: ", f, "fieldPath", "nativeDataType");
                    JsonNode type = f.path("type").path("type");
                    FakeGms.check(problems, type.size() == 1 && FIELD_TYPES.contains(type.fieldNames().next().replace("com.linkedin.schema.", "")),
                            where + "field type must be {type: {com.linkedin.schema.<X>Type: {}}}, got " + f.path("type"));
                }
                FakeGms.check(problems, v.path("fields").size() > 0, where + "no fields");
            }
            case "dataFlowInfo" -> text(problems, where, v, "name");
            case "dataJobInfo" -> {
                text(problems, where, v, "name");
                FakeGms.check(problems, v.path("type").isObject() && v.path("type").size() == 1, where + "type is a union {string: ...}");
            }
            case "dataProcessInstanceProperties" -> {
                text(problems, where, v, "name");
                FakeGms.check(problems, v.path("created").path("time").isIntegralNumber() && v.path("created").path("actor").isTextual(),
                        where + "created is an AuditStamp");
                v.path("customProperties").forEach(x -> FakeGms.check(problems, x.isTextual(), where + "customProperties values are strings"));
            }
            case "dataProcessInstanceRelationships" -> text(problems, where, v, "parentTemplate");
            case "dataProcessInstanceInput" -> FakeGms.check(problems, v.path("inputs").isArray(), where + "inputs array");
            case "dataProcessInstanceOutput" -> FakeGms.check(problems, v.path("outputs").isArray(), where + "outputs array");
            case "dataProcessInstanceRunEvent" -> {
                FakeGms.check(problems, v.path("timestampMillis").isIntegralNumber(), where + "timestampMillis");
                FakeGms.check(problems, Set.of("STARTED", "COMPLETE").contains(v.path("status").asText()), where + "status " + v.path("status"));
                if (v.has("result")) {
                    FakeGms.check(problems, Set.of("SUCCESS", "FAILURE", "SKIPPED", "UP_FOR_RETRY").contains(v.path("result").path("type").asText()),
                            where + "result.type");
                }
            }
            default -> problems.add(where + "no documented shape for " + aspect);
        }
    }

    static void checkPatch(List<String> problems, String where, String aspect, JsonNode op) {
        String path = op.path("path").asText();
        JsonNode value = op.path("value");
        switch (aspect) {
            case "upstreamLineage" -> {
                FakeGms.check(problems, path.startsWith("/upstreams/urn:li:dataset:"), where + "path " + path);
                FakeGms.check(problems, path.substring(path.indexOf("urn:")).equals(value.path("dataset").asText().replace("~", "~0").replace("/", "~1")),
                        where + "path must end with the quoted upstream URN");
                FakeGms.check(problems, value.path("type").asText().equals("TRANSFORMED"), where + "upstream type");
            }
            case "dataJobInputOutput" -> {
                FakeGms.check(problems, path.startsWith("/inputDatasetEdges/urn:li:dataset:") || path.startsWith("/outputDatasetEdges/urn:li:dataset:"),
                        where + "path " + path);
                FakeGms.check(problems, value.path("destinationUrn").asText().startsWith("urn:li:dataset:"), where + "edge destinationUrn");
            }
            default -> problems.add(where + "patching " + aspect + " is not documented");
        }
    }

    private static void text(List<String> problems, String where, JsonNode v, String... fields) {
        for (String f : fields) {
            FakeGms.check(problems, v.path(f).isTextual() && !v.path(f).asText().isBlank(), where + f + " must be a non-empty string");
        }
    }
}
