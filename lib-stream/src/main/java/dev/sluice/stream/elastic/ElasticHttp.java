package dev.sluice.stream.elastic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Plain JSON over the JDK's HTTP client to an Elasticsearch or OpenSearch cluster: no product
 * check, no compatibility media type, so both servers answer the same requests. Thread-safe.
 */
final class ElasticHttp {

    /** An answer: status and body. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final ElasticConnection connection;
    private final HttpClient client;
    private final String authorization;

    ElasticHttp(ElasticConnection connection) {
        this.connection = connection;
        this.client = connection.client();
        this.authorization = connection.authorization();
    }

    /** Sends {@code body[0, length)} as NDJSON to {@code _bulk}; completes with the answer or the transport failure. */
    CompletableFuture<Answer> bulk(byte[] body, int length) {
        HttpRequest request = request("/_bulk", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> new Answer(r.statusCode(), r.body()));
    }

    /** One blocking request with a JSON body (or none), for setup: templates, indices, aliases. */
    Answer call(String method, String path, String json) {
        HttpRequest request = request(path, "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + connection.endpoint() + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private HttpRequest.Builder request(String path, String contentType) {
        String base = connection.endpoint().toString();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path))
                .timeout(connection.requestTimeout()).header("Content-Type", contentType).header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }
}
