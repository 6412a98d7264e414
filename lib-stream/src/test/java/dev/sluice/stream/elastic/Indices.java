package dev.sluice.stream.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.embedded.SearchService;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads what an index holds, through the node's REST API as any other client would. */
final class Indices {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Indices() {}

    static JsonNode json(SearchService.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode get(SearchService node, String path) {
        SearchService.Response r = node.request("GET", path, null);
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.status() + ": " + r.body());
        }
        return json(r);
    }

    static JsonNode search(SearchService node, String index, String body) {
        node.request("POST", "/" + index + "/_refresh", null);
        SearchService.Response r = node.request("POST", "/" + index + "/_search", body);
        if (r.status() != 200) {
            throw new IllegalStateException("search of " + index + " answered " + r.status() + ": " + r.body());
        }
        return json(r);
    }

    /** The {@code _source} of every document of {@code index} (up to 10,000), once at least {@code atLeast} are searchable (30 s at most). */
    static List<JsonNode> sources(SearchService node, String index, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (node.count(index) < atLeast && System.nanoTime() < deadline) {
            sleep(200);
        }
        List<JsonNode> out = new ArrayList<>();
        search(node, index, "{\"size\":10000,\"query\":{\"match_all\":{}}}").path("hits").path("hits").forEach(h -> out.add(h.get("_source")));
        return out;
    }

    /** The field's type in {@code index}'s mapping, for example {@code date}. */
    static String mappedType(SearchService node, String index, String field) {
        return get(node, "/" + index + "/_mapping").path(index).path("mappings").path("properties").path(field).path("type").asText();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
