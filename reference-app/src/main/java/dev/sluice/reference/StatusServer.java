package dev.sluice.reference;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
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
        http.createContext("/healthz", ex -> HttpReplies.send(ex, 200, "text/plain", "ok\n"));
        http.createContext("/readyz", ex -> {
            boolean ok = ready.getAsBoolean();
            HttpReplies.send(ex, ok ? 200 : 503, "text/plain", ok ? "ready\n" : "not ready\n");
        });
        http.createContext("/metrics", ex -> HttpReplies.send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape()));
        http.start();
        return new StatusServer(http);
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
