package dev.sluice.catalog.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small client for the Pinot controller's REST API: schemas and tables created or updated
 * idempotently (run it on every deploy), segments built from files and pushed, segment listing.
 * Every refusal surfaces as a {@link PinotException} carrying the controller's message.
 */
public final class PinotAdmin {

    private final PinotHttp controller;

    public PinotAdmin(String controllerUrl) {
        this(controllerUrl, Duration.ofSeconds(60));
    }

    public PinotAdmin(String controllerUrl, Duration timeout) {
        this.controller = new PinotHttp(controllerUrl, timeout);
    }

    /** Creates the schema, or replaces it with this one (a compatible change; Pinot refuses others). */
    public void putSchema(ObjectNode schema) {
        controller.send(json(controller.request("/schemas?override=true"), schema).build());
    }

    /** Creates the table, or updates its config when it exists. */
    public void putTable(ObjectNode tableConfig) {
        String name = Require.nonNull(tableConfig.path("tableName").textValue(), "tableConfig.tableName");
        PinotHttp.Response r = controller.send(json(controller.request("/tables"), tableConfig).build(), 409);
        if (r.status() == 409) {
            controller.send(json(controller.request("/tables/" + enc(name)), tableConfig).method("PUT", body(tableConfig)).build());
        }
    }

    /** Schema, then REALTIME table consuming {@code stream}. */
    public void putRealtimeTable(PinotTableSpec spec, PinotStream stream) {
        putSchema(PinotSchemas.of(spec));
        putTable(PinotTableConfigs.realtime(spec, stream));
    }

    /** Schema, then OFFLINE table. */
    public void putOfflineTable(PinotTableSpec spec) {
        putSchema(PinotSchemas.of(spec));
        putTable(PinotTableConfigs.offline(spec));
    }

    /**
     * Has the controller build a segment named {@code segmentName} from {@code file} (Parquet, Avro,
     * JSON or CSV, by {@code format}) and add it to the OFFLINE table. Pushing a segment of the same
     * name again replaces it: name segments after what they hold (a date and a file number) and a
     * rerun is idempotent. Meant for files of up to a few hundred MB; larger loads belong to Pinot's
     * batch ingestion job.
     */
    public void pushFile(String offlineTable, Path file, String format, String segmentName) {
        Map<String, String> batch = Map.of("inputFormat", Require.nonBlank(format, "format"),
                "segmentNameGenerator.type", "fixed",
                "segmentNameGenerator.configs.segment.name", Require.nonBlank(segmentName, "segmentName"));
        String query = "/ingestFromFile?tableNameWithType=" + enc(offlineTable + "_OFFLINE") + "&batchConfigMapStr="
                + enc(PinotSchemas.JSON.valueToTree(batch).toString());
        String boundary = "sluice-" + UUID.randomUUID();
        controller.send(controller.request(query).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(multipart(boundary, file)).build());
    }

    /** The segments of a table, of both types. */
    public List<String> segments(String table) {
        JsonNode answer = controller.send(controller.request("/segments/" + enc(table)).GET().build()).json();
        List<String> names = new ArrayList<>();
        for (JsonNode byType : answer) {
            byType.fields().forEachRemaining(e -> e.getValue().forEach(s -> names.add(s.asText())));
        }
        return names;
    }

    /** Drops a table of one type ({@code OFFLINE} or {@code REALTIME}) and its segments. */
    public void dropTable(String table, String type) {
        controller.send(controller.request("/tables/" + enc(table) + "?type=" + enc(type)).DELETE().build(), 404);
    }

    private static HttpRequest.Builder json(HttpRequest.Builder b, JsonNode body) {
        return b.header("Content-Type", "application/json").POST(body(body));
    }

    private static HttpRequest.BodyPublisher body(JsonNode n) {
        return HttpRequest.BodyPublishers.ofString(n.toString());
    }

    private static HttpRequest.BodyPublisher multipart(String boundary, Path file) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        try {
            return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                    HttpRequest.BodyPublishers.ofFile(requireFile(file)), HttpRequest.BodyPublishers.ofString(tail));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Whether {@code file} exists: a clear error before a request the controller would reject obscurely. */
    static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return file;
    }
}
