package dev.sluice.ingest.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code POST /ingest/{stream}} over HTTP: credentials, stream, method, content type and size are
 * checked before the body is read (a refusal then closes the connection rather than read a body
 * it does not want); the body is read up to the limit; the {@link StreamIngestor} answers; the
 * answer is written on the request's event loop. Idempotency-Key repeats get the first request's
 * answer with {@code Idempotent-Replayed: true}.
 */
final class IngestHandler {

    static final String PREFIX = "/ingest/";
    private static final int MAX_KEY_LENGTH = 255;
    private static final long LINGER_MS = 5_000;

    private final Vertx vertx;
    private final Map<String, StreamIngestor> streams;
    private final ApiKeys apiKeys;
    private final Dedupe dedupe;
    private final int maxBodyBytes;
    private final IngestMetrics metrics;

    IngestHandler(Vertx vertx, Map<String, StreamIngestor> streams, ApiKeys apiKeys, Dedupe dedupe, int maxBodyBytes, IngestMetrics metrics) {
        this.vertx = vertx;
        this.streams = Map.copyOf(streams);
        this.apiKeys = apiKeys;
        this.dedupe = dedupe;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    void handle(HttpServerRequest req) {
        long t0 = System.nanoTime();
        String name = req.path().substring(PREFIX.length());
        StreamIngestor ingestor = streams.get(name);
        String tag = ingestor == null ? "unknown" : name;
        ApiKeys.Verdict verdict = apiKeys.check(presentedKey(req), name); // one hash per request
        switch (verdict) {
            case MISSING -> { reply(req, tag, t0, Replies.error(401, "missing API key (Authorization: Bearer <key> or X-API-Key)"), true); return; }
            case INVALID -> { reply(req, tag, t0, Replies.error(401, "invalid API key"), true); return; }
            default -> { }
        }
        if (ingestor == null) {
            reply(req, tag, t0, Replies.error(404, "unknown stream '" + name + "'; streams: " + streams.keySet()), true);
            return;
        }
        if (verdict == ApiKeys.Verdict.FORBIDDEN) {
            reply(req, tag, t0, Replies.error(403, "this API key may not write to stream '" + name + "'"), true);
            return;
        }
        if (req.method() != HttpMethod.POST) {
            req.response().putHeader("Allow", "POST");
            reply(req, tag, t0, Replies.error(405, "use POST"), true);
            return;
        }
        BodyFormat format = BodyFormat.of(req.getHeader("Content-Type"));
        if (format == null || (format == BodyFormat.AVRO && ingestor.stream().avroBodies() == null)) {
            reply(req, tag, t0, Replies.error(415, "unsupported Content-Type '" + req.getHeader("Content-Type")
                    + "': use application/json, application/x-ndjson" + (ingestor.stream().avroBodies() != null ? " or application/vnd.confluent.avro" : "")), true);
            return;
        }
        String idemKey = req.getHeader("Idempotency-Key");
        if (idemKey != null && (idemKey.isBlank() || idemKey.length() > MAX_KEY_LENGTH)) {
            reply(req, tag, t0, Replies.error(400, "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters"), true);
            return;
        }
        String declared = req.getHeader("Content-Length");
        if (declared != null && tooLong(declared)) {
            reply(req, tag, t0, Replies.error(413, "body over the limit of " + maxBodyBytes + " bytes"), true);
            return;
        }
        readBody(req, tag, t0, body -> ingest(req, ingestor, format, body, idemKey, t0));
    }

    private void ingest(HttpServerRequest req, StreamIngestor ingestor, BodyFormat format, byte[] body, String idemKey, long t0) {
        String name = ingestor.stream().name();
        Context ctx = vertx.getOrCreateContext();
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        if (idemKey != null) {
            Dedupe.Claim claim = dedupe.claim(name, idemKey, body, answer);
            if (!claim.owned()) {
                if (!claim.sameBody()) {
                    reply(req, name, t0, Replies.error(422, "Idempotency-Key already used with a different body"), false);
                } else {
                    claim.earlier().thenAccept(r -> ctx.runOnContext(v -> {
                        req.response().putHeader("Idempotent-Replayed", "true");
                        reply(req, name, t0, r, false);
                    }));
                }
                return;
            }
        }
        answer.thenAccept(r -> ctx.runOnContext(v -> reply(req, name, t0, r, false)));
        if (format == BodyFormat.AVRO) {
            // Decoding may ask the schema registry for a writer schema: never on the event loop.
            vertx.executeBlocking(() -> ingestor.ingest(format, body, idemKey), false)
                    .onSuccess(f -> f.thenAccept(answer::complete))
                    .onFailure(e -> answer.complete(Replies.error(500, "internal error")));
        } else {
            ingestor.ingest(format, body, idemKey).thenAccept(answer::complete);
        }
    }

    private boolean tooLong(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true; // the codec refuses such requests before they get here; refuse anyway
        }
    }

    private void readBody(HttpServerRequest req, String tag, long t0, Consumer<byte[]> then) {
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        req.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                refused[0] = true;
                reply(req, tag, t0, Replies.error(413, "body over the limit of " + maxBodyBytes + " bytes"), true);
            } else {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(v -> {
            if (!refused[0]) {
                then.accept(body.getBytes());
            }
        });
    }

    static String presentedKey(HttpServerRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return req.getHeader("X-API-Key");
    }

    /**
     * Closes a refused request's connection once the client stopped sending, discarding what it
     * sends meanwhile (at most {@link #LINGER_MS}): closing while the client still writes makes
     * TCP reset the connection and the client may never read the answer (nginx's lingering close).
     */
    private void lingerThenClose(HttpServerRequest req) {
        if (req.isEnded()) {
            req.connection().close();
            return;
        }
        long timer = vertx.setTimer(LINGER_MS, id -> req.connection().close());
        req.handler(chunk -> { });
        req.endHandler(v -> {
            vertx.cancelTimer(timer);
            req.connection().close();
        });
    }

    /** Writes the reply; {@code close} ends the connection after it (the rest of the body is not read). */
    private void reply(HttpServerRequest req, String stream, long t0, Reply r, boolean close) {
        HttpServerResponse resp = req.response();
        if (resp.ended() || resp.closed()) {
            return; // the client went away; its records' outcomes are in the metrics
        }
        resp.setStatusCode(r.status()).putHeader("Content-Type", "application/json");
        if (r.retryAfterSeconds() > 0) {
            resp.putHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
        }
        if (r.status() == 401) {
            resp.putHeader("WWW-Authenticate", "Bearer");
        }
        if (close) {
            resp.putHeader("Connection", "close");
            resp.end(Buffer.buffer(r.body()));
            lingerThenClose(req);
        } else {
            resp.end(Buffer.buffer(r.body()));
        }
        metrics.request(stream, r.status(), System.nanoTime() - t0);
    }
}
