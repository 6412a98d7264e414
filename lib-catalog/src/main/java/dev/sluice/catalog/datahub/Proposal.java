package dev.sluice.catalog.datahub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Require;

/**
 * One DataHub MetadataChangeProposal: an aspect of an entity, upserted whole or patched.
 * {@link #toJson()} is the shape GMS's {@code ingestProposal} action takes inside its
 * {@code proposal} field and the shape {@code datahub ingest}'s file source reads: the aspect as a
 * JSON string with its content type.
 *
 * @param entityType  {@code dataset}, {@code dataFlow}, {@code dataJob}, {@code dataProcessInstance}
 * @param entityUrn   the entity
 * @param changeType  UPSERT replaces the aspect; PATCH applies JSON Patch operations to it
 * @param aspectName  for example {@code schemaMetadata}
 * @param aspect      the aspect (UPSERT) or the array of patch operations (PATCH)
 */
public record Proposal(String entityType, String entityUrn, ChangeType changeType, String aspectName, JsonNode aspect) {

    static final ObjectMapper JSON = new ObjectMapper();

    public enum ChangeType { UPSERT, PATCH }

    public Proposal {
        Require.nonBlank(entityType, "entityType");
        Require.nonBlank(entityUrn, "entityUrn");
        Require.nonNull(changeType, "changeType");
        Require.nonBlank(aspectName, "aspectName");
        Require.nonNull(aspect, "aspect");
        if (changeType == ChangeType.PATCH && !aspect.isArray()) {
            throw new IllegalArgumentException("a PATCH proposal's aspect is an array of JSON Patch operations, got " + aspect.getNodeType());
        }
    }

    /** Replaces {@code aspectName} of {@code urn} with {@code aspect}. */
    public static Proposal upsert(String urn, String aspectName, ObjectNode aspect) {
        return new Proposal(Urns.entityType(urn), urn, ChangeType.UPSERT, aspectName, aspect);
    }

    /** Applies {@code operations} (RFC 6902) to {@code aspectName} of {@code urn}, leaving the rest of it alone. */
    public static Proposal patch(String urn, String aspectName, ArrayNode operations) {
        return new Proposal(Urns.entityType(urn), urn, ChangeType.PATCH, aspectName, operations);
    }

    public String contentType() {
        return changeType == ChangeType.PATCH ? "application/json-patch+json" : "application/json";
    }

    /** {@code {entityType, entityUrn, changeType, aspectName, aspect: {contentType, value: "<aspect as a JSON string>"}}}. */
    public ObjectNode toJson() {
        ObjectNode p = JSON.createObjectNode();
        p.put("entityType", entityType);
        p.put("entityUrn", entityUrn);
        p.put("changeType", changeType.name());
        p.put("aspectName", aspectName);
        ObjectNode generic = p.putObject("aspect");
        generic.put("contentType", contentType());
        generic.put("value", aspectJson());
        return p;
    }

    /** The aspect serialized, as the {@code value} of DataHub's GenericAspect carries it. */
    public String aspectJson() {
        try {
            return JSON.writeValueAsString(aspect);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize aspect " + aspectName + " of " + entityUrn, e);
        }
    }

    /** JSON Patch path quoting (RFC 6901): a URN as one path segment. */
    static String pathSegment(String value) {
        return value.replace("~", "~0").replace("/", "~1");
    }
}
