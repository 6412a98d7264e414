package dev.sluice.catalog.datahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A stand-in for DataHub GMS's ingest endpoint that holds every request to the documented protocol
 * ({@code POST /aspects?action=ingestProposal}, Rest.li 2.0.0 header, bearer token, the proposal
 * envelope) and each aspect to its documented shape. Violations are collected, not thrown, so a
 * test sees them all; accepted proposals are recorded in order. Answers can be scripted (503s).
 */
final class FakeGms implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Entity type -> the aspects Sluice may send it. */
    private static final Map<String, Set<String>> ASPECTS = Map.of(
            "dataset", Set.of("schemaMetadata", "upstreamLineage"),
            "dataFlow", Set.of("dataFlowInfo"),
            "dataJob", Set.of("dataJobInfo", "dataJobInputOutput"),
            "dataProcessInstance", Set.of("dataProcessInstanceProperties", "dataProcessInstanceRelationships",
                    "dataProcessInstanceInput", "dataProcessInstanceOutput", "dataProcessInstanceRunEvent"));

    private final HttpServer server;
    private final String token;
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> accepted = Collections.synchronizedList(new ArrayList<>());
    final Deque<Integer> scripted = new ConcurrentLinkedDeque<>();
    volatile int requests;

    FakeGms(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests++;
        byte[] body = ex.getRequestBody().readAllBytes();
        Integer status = scripted.poll();
        if (status != null) {
            reply(ex, status, "{\"message\":\"scripted " + status + "\",\"status\":" + status + "}");
            return;
        }
        List<String> problems = new ArrayList<>();
        check(problems, ex.getRequestMethod().equals("POST"), "method " + ex.getRequestMethod());
        check(problems, ex.getRequestURI().getPath().equals("/aspects"), "path " + ex.getRequestURI().getPath());
        check(problems, "action=ingestProposal".equals(ex.getRequestURI().getQuery()), "query " + ex.getRequestURI().getQuery());
        check(problems, "2.0.0".equals(ex.getRequestHeaders().getFirst("X-RestLi-Protocol-Version")), "missing X-RestLi-Protocol-Version: 2.0.0");
        check(problems, String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json"), "content type");
        check(problems, ("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization")), "missing or wrong bearer token");
        JsonNode proposal = null;
        try {
            JsonNode envelope = JSON.readTree(body);
            check(problems, envelope.size() == 1 && envelope.has("proposal"), "body must be {\"proposal\": ...}");
            proposal = envelope.get("proposal");
            checkProposal(problems, proposal);
        } catch (IOException | RuntimeException e) {
            problems.add("unreadable body: " + e);
        }
        if (problems.isEmpty()) {
            accepted.add(proposal);
            reply(ex, 200, "{\"value\":\"" + proposal.get("entityUrn").asText().replace("\"", "") + "\"}");
        } else {
            violations.addAll(problems);
            reply(ex, 400, "{\"message\":\"" + String.join("; ", problems).replace("\"", "'") + "\",\"status\":400}");
        }
    }

    private static void checkProposal(List<String> problems, JsonNode p) throws IOException {
        String type = p.path("entityType").asText();
        String urn = p.path("entityUrn").asText();
        String aspectName = p.path("aspectName").asText();
        String changeType = p.path("changeType").asText();
        String where = changeType + " " + aspectName + " of " + urn + ": ";
        check(problems, ASPECTS.containsKey(type), where + "unknown entity type " + type);
        check(problems, urn.startsWith("urn:li:" + type + ":"), where + "URN does not match entity type " + type);
        check(problems, ASPECTS.getOrDefault(type, Set.of()).contains(aspectName), where + "aspect not of a " + type);
        JsonNode aspect = p.path("aspect");
        String contentType = aspect.path("contentType").asText();
        check(problems, aspect.path("value").isTextual(), where + "aspect.value must be a JSON string");
        JsonNode value = JSON.readTree(aspect.path("value").asText());
        switch (changeType) {
            case "UPSERT" -> {
                check(problems, contentType.equals("application/json"), where + "content type " + contentType);
                check(problems, value.isObject(), where + "an upserted aspect is an object");
                AspectShapes.check(problems, where, aspectName, value);
            }
            case "PATCH" -> {
                check(problems, contentType.equals("application/json-patch+json"), where + "content type " + contentType);
                check(problems, value.isArray() && value.size() > 0, where + "a patch is a non-empty array of operations");
                for (JsonNode op : value) {
                    check(problems, Set.of("add", "remove", "replace").contains(op.path("op").asText()), where + "op " + op.path("op"));
                    AspectShapes.checkPatch(problems, where, aspectName, op);
                }
            }
            default -> problems.add(where + "change type " + changeType);
        }
    }

    static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
