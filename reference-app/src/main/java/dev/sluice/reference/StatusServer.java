package dev.sluice.reference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * What Kubernetes and Prometheus ask of a long-running role without an HTTP server of its own:
 * {@code /healthz} (the process answers), {@code /readyz} (the role's pipelines run: 503 when not)
 * and {@code /metrics} (its {@code sluice.*} meters in Prometheus text format).
 */
final class StatusServer implements AutoCloseable {

    private final HttpServer http;

    private StatusServer(HttpServer http) {
        this.http = http;
    }

    static StatusServer start(int port, PrometheusMeterRegistry meters, BooleanSupplier ready) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
        http.createContext("/healthz", ex -> reply(ex, 200, "text/plain", "ok\n"));
        http.createContext("/readyz", ex -> {
            boolean ok = ready.getAsBoolean();
            reply(ex, ok ? 200 : 503, "text/plain", ok ? "ready\n" : "not ready\n");
        });
        http.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape()));
        http.start();
        return new StatusServer(http);
    }

    int port() {
        return http.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
