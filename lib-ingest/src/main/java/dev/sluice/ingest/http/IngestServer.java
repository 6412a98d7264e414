package dev.sluice.ingest.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable HTTP ingest server: {@code POST /ingest/{stream}} into Kafka, plus
 * {@code /healthz} (the process serves), {@code /readyz} (Kafka answers) and {@code /metrics}
 * (Prometheus text, when the registry is a {@link PrometheusMeterRegistry}).
 *
 * <p>Guarantee: a 2xx answer is sent only after Kafka acknowledged (acks=all, idempotent producer)
 * every record the answer counts as accepted. See the README for the status codes and the
 * partial-batch semantics. Runs on Vert.x: one event loop per {@link IngestConfig#eventLoops()},
 * all sharing the port; parsing and validation run on them, never blocking.
 */
public final class IngestServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final BoundedProducer gate;
    private final Readiness readiness;
    private final MeterRegistry registry;
    private final List<HttpServer> servers;
    private final int port;
    private volatile boolean stopping;

    private IngestServer(Vertx vertx, BoundedProducer gate, Readiness readiness, MeterRegistry registry, List<HttpServer> servers) {
        this.vertx = vertx;
        this.gate = gate;
        this.readiness = readiness;
        this.registry = registry;
        this.servers = servers;
        this.port = servers.get(0).actualPort();
    }

    /** Starts with a Prometheus registry of its own, served at {@code /metrics}. */
    public static IngestServer start(IngestConfig config) {
        return start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * Starts serving: fetches every stream's topic metadata (fails if Kafka does not answer within
     * 30 s), then binds. Blocks until it listens.
     */
    public static IngestServer start(IngestConfig config, MeterRegistry registry) {
        if (config.streams().isEmpty()) {
            throw new IllegalArgumentException("no streams configured: nothing to ingest");
        }
        BoundedProducer gate = new BoundedProducer(config);
        Readiness readiness = null;
        Vertx vertx = null;
        try {
            for (IngestStream s : config.streams()) {
                gate.warmUp(s.topic(), START_TIMEOUT);
            }
            readiness = new Readiness(config.bootstrapServers(), config.producerConfig(), Duration.ofSeconds(2));
            readiness.probe();
            Dedupe dedupe = new Dedupe(config.idempotencyWindow(), config.idempotencyMaxKeys());
            IngestMetrics metrics = new IngestMetrics(registry, gate::inFlight, dedupe::size);
            Map<String, StreamIngestor> streams = new HashMap<>();
            for (IngestStream s : config.streams()) {
                streams.put(s.name(), new StreamIngestor(s, gate, Math.max(1, config.retryAfter().toSeconds()), metrics));
            }
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops()).setWorkerPoolSize(4));
            IngestHandler ingest = new IngestHandler(vertx, streams, config.apiKeys(), dedupe, config.maxBodyBytes(), metrics);
            List<HttpServer> servers = listen(vertx, config, ingest, readiness, registry);
            IngestServer server = new IngestServer(vertx, gate, readiness, registry, servers);
            readiness.every(Duration.ofSeconds(1));
            log.info("ingest server listening on {}:{} with {} event loop(s); streams {}; auth {}", config.host(), server.port,
                    config.eventLoops(), streams.keySet(), config.apiKeys());
            return server;
        } catch (RuntimeException e) {
            if (vertx != null) {
                vertx.close();
            }
            if (readiness != null) {
                readiness.close();
            }
            gate.close();
            throw e;
        }
    }

    private static List<HttpServer> listen(Vertx vertx, IngestConfig config, IngestHandler ingest, Readiness readiness,
                                           MeterRegistry registry) {
        List<HttpServer> servers = new CopyOnWriteArrayList<>();
        // One verticle per event loop, each with its own server; Vert.x shares the port among them.
        // A negative port asks Vert.x for one random port shared by all of them (port 0 would give each its own).
        int port = config.port() == 0 ? -1 : config.port();
        Supplier<VerticleBase> verticle = () -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(options())
                        .requestHandler(req -> route(req, ingest, readiness, registry))
                        .listen(port, config.host())
                        .onSuccess(servers::add);
            }
        };
        await(vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(config.eventLoops())));
        return List.copyOf(servers);
    }

    private static HttpServerOptions options() {
        return new HttpServerOptions()
                .setDecompressionSupported(true)
                .setHandle100ContinueAutomatically(true)
                .setIdleTimeout(120).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true);
    }

    private static void route(HttpServerRequest req, IngestHandler ingest, Readiness readiness, MeterRegistry registry) {
        String path = req.path();
        if (path.startsWith(IngestHandler.PREFIX)) {
            ingest.handle(req);
        } else if (path.equals("/healthz")) {
            req.response().putHeader("Content-Type", "application/json").end("{\"status\":\"up\"}");
        } else if (path.equals("/readyz")) {
            boolean ok = readiness.ready();
            req.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end("{\"ready\":" + ok + ",\"reason\":\"" + readiness.reason() + "\"}");
        } else if (path.equals("/metrics") && registry instanceof PrometheusMeterRegistry prometheus) {
            req.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(Buffer.buffer(prometheus.scrape()));
        } else {
            req.response().setStatusCode(404).putHeader("Content-Type", "application/json").end("{\"error\":\"not found\"}");
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the ingest server", e);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("ingest server could not start: " + cause.getMessage(), cause);
        }
    }

    public int port() {
        return port;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * Stops taking requests, lets those in flight get their answers (up to 10 s), flushes the
     * producer and closes everything. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        for (HttpServer s : servers) {
            try {
                await(s.shutdown(10, TimeUnit.SECONDS));
            } catch (RuntimeException e) {
                log.warn("ingest server did not shut down cleanly: {}", e.getMessage());
            }
        }
        gate.close();
        readiness.close();
        await(vertx.close());
        log.info("ingest server on port {} stopped", port);
    }
}
