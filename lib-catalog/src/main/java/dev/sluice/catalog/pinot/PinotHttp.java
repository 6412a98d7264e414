package dev.sluice.catalog.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Require;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to a Pinot component; non-2xx answers become {@link PinotException}s with Pinot's message. */
final class PinotHttp {

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    PinotHttp(String baseUrl, Duration timeout) {
        this.base = Require.nonBlank(baseUrl, "baseUrl").replaceAll("/+$", "");
        this.timeout = Require.positive(timeout, "timeout");
        // HTTP/1.1: the default h2c upgrade on a POST with a body stalls Pinot's Grizzly server for 30 s.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout).header("Accept", "application/json");
    }

    /** Sends; returns the answer of a 2xx, or of an accepted non-2xx status; throws with Pinot's message otherwise. */
    Response send(HttpRequest request, int... alsoAccepted) {
        String what = request.method() + " " + request.uri().getRawPath();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PinotException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinotException(what + " interrupted", e);
        }
        int status = r.statusCode();
        boolean accepted = status / 100 == 2;
        for (int s : alsoAccepted) {
            accepted |= s == status;
        }
        if (!accepted) {
            throw new PinotException(what, status, message(r.body()));
        }
        return new Response(status, r.body());
    }

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return PinotSchemas.JSON.readTree(body);
            } catch (IOException e) {
                throw new PinotException("answer is not JSON: " + body, e);
            }
        }
    }

    /** Pinot answers errors as {@code {"code":..., "error": "..."}}; fall back to the raw body. */
    private static String message(String body) {
        try {
            JsonNode n = PinotSchemas.JSON.readTree(body);
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText();
            }
        } catch (IOException notJson) {
            // plain text
        }
        return body == null || body.isBlank() ? "(no message)" : body.strip();
    }
}
