package dev.sluice.stream.elastic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.PipelineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the indices a sink writes, idempotently, before its first bulk (see {@link IndexNaming}):
 * the index template for rolled or time-based indices, the fixed index with its mapping, the first
 * index behind a write alias. A mapping that an existing index contradicts is logged and left as it
 * is: the documents it refuses go to the dead letter one by one, and the sink goes on with the others.
 */
final class IndexSetup {

    private static final Logger log = LoggerFactory.getLogger(IndexSetup.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private IndexSetup() {}

    static void prepare(ElasticHttp http, IndexNaming naming, ObjectNode mapping) {
        switch (naming.kind()) {
            case FIXED -> createIndex(http, naming.base(), mapping, null);
            case TIME -> putTemplate(http, naming.base(), mapping);
            case ALIAS -> {
                putTemplate(http, naming.base(), mapping);
                ElasticHttp.Answer alias = http.call("HEAD", "/_alias/" + naming.base(), null);
                if (alias.status() == 404) {
                    createIndex(http, naming.base() + "-000001", mapping, naming.base());
                } else {
                    check(alias, "HEAD /_alias/" + naming.base());
                }
            }
        }
    }

    private static void putTemplate(ElasticHttp http, String base, ObjectNode mapping) {
        ObjectNode template = JSON.objectNode();
        template.putArray("index_patterns").add(base + "-*");
        template.put("priority", 200);
        template.putObject("template").set("mappings", mapping);
        template.putObject("_meta").put("managed_by", "sluice");
        check(http.call("PUT", "/_index_template/sluice-" + base, template.toString()), "PUT /_index_template/sluice-" + base);
    }

    private static void createIndex(ElasticHttp http, String index, ObjectNode mapping, String writeAlias) {
        ObjectNode body = JSON.objectNode();
        body.set("mappings", mapping);
        if (writeAlias != null) {
            body.putObject("aliases").putObject(writeAlias).put("is_write_index", true);
        }
        ElasticHttp.Answer created = http.call("PUT", "/" + index, body.toString());
        if (created.status() == 200) {
            log.info("Created index {}", index);
            return;
        }
        if (created.status() == 400 && created.text().contains("resource_already_exists_exception")) {
            // Exists (another worker, an earlier run): add the schema's new fields to its mapping.
            ElasticHttp.Answer merged = http.call("PUT", "/" + index + "/_mapping", mapping.toString());
            if (merged.status() != 200) {
                log.warn("Index {} keeps its mapping, which contradicts the schema's ({}): documents it refuses go to the dead letter. {}",
                        index, merged.status(), merged.text());
            }
            return;
        }
        check(created, "PUT /" + index);
    }

    private static void check(ElasticHttp.Answer answer, String what) {
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new PipelineException("Elastic refused " + what + " with " + answer.status() + ": " + answer.text());
        }
    }
}
