package dev.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search cluster, Elasticsearch or OpenSearch, reached by plain JSON over HTTP as any client
 * reaches both: {@link OpenSearchServer} in a child JVM everywhere; lib-testkit adds Elasticsearch 9
 * in Testcontainers where Docker runs.
 */
public interface SearchService extends AutoCloseable {

    /** The answer to one request: its HTTP status and body. */
    record Response(int status, String body) {}

    /** The REST API, for example {@code http://127.0.0.1:40123}. */
    String url();

    /** Sends one request ({@code body} may be null) and answers its status and body; NDJSON for {@code _bulk}. */
    default Response request(String method, String path, String body) {
        return Http.send(url(), method, path, body);
    }

    /** The number of documents searchable in {@code index} (a name, alias or pattern) after a refresh. */
    default long count(String index) {
        request("POST", "/" + index + "/_refresh", null);
        Response r = request("GET", "/" + index + "/_count", null);
        Matcher m = Http.COUNT.matcher(r.body());
        if (r.status() != 200 || !m.find()) {
            throw new IllegalStateException("GET /" + index + "/_count answered " + r.status() + ": " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    void close();

    /** The one HTTP client the services' requests share. */
    final class Http {
        static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
        private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        private Http() {}

        static Response send(String url, String method, String path, String body) {
            String type = path.contains("_bulk") ? "application/x-ndjson" : "application/json";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60)).header("Content-Type", type)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + method + " " + path, e);
            }
        }
    }
}
