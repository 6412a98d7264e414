package dev.sluice.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Require;
import dev.sluice.api.error.RetriableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API (Confluent Schema Registry, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace, Redpanda). Ids and registrations are cached for the life of
 * the client: a global id never changes meaning, so only the first lookup goes over the network.
 */
public final class ConfluentRegistryClient implements SchemaRegistryClient {

    private static final long serialVersionUID = 1L;
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConfig config;
    private transient volatile State state;

    public ConfluentRegistryClient(RegistryConfig config) {
        this.config = Require.nonNull(config, "config");
    }

    public RegistryConfig config() {
        return config;
    }

    @Override
    public int register(String subject, Schema schema) {
        Require.nonBlank(subject, "subject");
        Require.nonNull(schema, "schema");
        return state().registered().computeIfAbsent(subject + "\u0000" + schema, k -> {
            JsonNode r = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                    "register schema " + schema.getFullName() + " under subject " + subject);
            int id = r.path("id").asInt(-1);
            if (id < 0) {
                throw new SchemaRegistryException("registry answered without an id when registering under " + subject + ": " + r, 200, 0);
            }
            state().byId().putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema getById(int id) {
        return state().byId().computeIfAbsent(id, k -> {
            JsonNode r = send("GET", "/schemas/ids/" + id, null, "get schema id " + id);
            return parse(r.path("schema").asText(), "schema id " + id);
        });
    }

    @Override
    public Optional<Registered> latest(String subject) {
        Require.nonBlank(subject, "subject");
        try {
            JsonNode r = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null, "get latest of " + subject);
            Schema s = parse(r.path("schema").asText(), "subject " + subject);
            return Optional.of(new Registered(subject, r.path("id").asInt(), r.path("version").asInt(), s));
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        Require.nonBlank(subject, "subject");
        try {
            JsonNode r = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema),
                    "check compatibility under " + subject);
            return r.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.status() == 404) {
                return true; // no version yet: anything is compatible with nothing
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(String subject, String level) {
        Require.nonBlank(subject, "subject");
        Require.nonBlank(level, "compatibility level");
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", "/config/" + encode(subject), body, "set compatibility of " + subject + " to " + level);
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private JsonNode send(String method, String path, JsonNode body, String what) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(config.url().toString().replaceAll("/+$", "") + path))
                .timeout(config.timeout())
                .header("Accept", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            req.header("Content-Type", CONTENT_TYPE);
        }
        if (config.basicAuth() != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(config.basicAuth().getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> resp;
        try {
            resp = state().http().send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RetriableException("schema registry " + config.url() + " unreachable while trying to " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while trying to " + what, e);
        }
        JsonNode json = readJson(resp.body());
        int status = resp.statusCode();
        if (status >= 200 && status < 300) {
            return json;
        }
        String message = json.path("message").asText(resp.body());
        int code = json.path("error_code").asInt(0);
        String text = "schema registry refused to " + what + ": HTTP " + status + (code != 0 ? " error " + code : "") + ": " + message;
        if (status >= 500 || status == 429) {
            throw new RetriableException(text);
        }
        throw new SchemaRegistryException(text, status, code);
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("registry returned an unparseable Avro schema for " + what + ": " + e.getMessage(), 200, 0);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Built on first use, so the client stays serializable and cheap to ship. */
    private State state() {
        State s = state;
        if (s == null) {
            synchronized (this) {
                if (state == null) {
                    state = new State(HttpClient.newBuilder().connectTimeout(config.timeout()).version(HttpClient.Version.HTTP_1_1).build(),
                            new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
                }
                s = state;
            }
        }
        return s;
    }

    private record State(HttpClient http, Map<Integer, Schema> byId, Map<String, Integer> registered) {}
}
