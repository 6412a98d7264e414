package dev.sluice.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.ingest.state.KafkaStateStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) serving growing listings the way public APIs do, for the REST
 * source's tests. Per dataset: {@code /{ds}/cursor?limit=&since=&cursor=} answers
 * {@code {"data":[...],"next":"<opaque>"|null}}; {@code /{ds}/pages?page=&size=} a page-number
 * listing; {@code /{ds}/linked?page=} pages of 10 with an RFC 8288 {@code Link} header. Items are
 * {@code {"seq":n,"id":"...","name":"...","updated":"2026-...Z"}}; {@code since} is exclusive on seq.
 * {@link #failWith} makes every request answer that status until cleared.
 */
final class ListingApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, List<ObjectNode>> datasets = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Queue<Long> requestNanos = new ConcurrentLinkedQueue<>();
    private volatile int failWith;

    ListingApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String dataset, String listing) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + dataset + "/" + listing);
    }

    /**
     * The REST source over a dataset's cursor listing, ten items a page, watermarked by {@code seq},
     * its state in a compacted topic of the broker at {@code bootstrapServers}.
     */
    RestSource cursorSource(String dataset, String bootstrapServers) {
        return RestSource.of(dataset, uri(dataset, "cursor"), "/data", new Pagination.Cursor("cursor", "/next"), Items.SCHEMA,
                        KafkaStateStore.Topic.of(bootstrapServers, "sluice-rest-state"))
                .withQuery(Map.of("limit", "10"))
                .withWatermark(Watermark.field("/seq", "since", null))
                .withResilience(Resilience.defaults().withRate(1000))
                .withPollInterval(Duration.ofMillis(300));
    }

    synchronized void append(String dataset, List<ObjectNode> items) {
        List<ObjectNode> list = datasets.computeIfAbsent(dataset, k -> new ArrayList<>());
        for (ObjectNode item : items) {
            list.add(item.deepCopy().put("seq", list.size() + 1));
        }
    }

    void failWith(int status) {
        failWith = status;
    }

    int requests() {
        return requests.get();
    }

    /** When each request arrived ({@link System#nanoTime()}), in arrival order. */
    List<Long> requestTimes() {
        return List.copyOf(requestNanos);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        requestNanos.add(System.nanoTime());
        try (ex) {
            if (failWith != 0) {
                reply(ex, failWith, "{\"error\":\"injected\"}", null);
                return;
            }
            String[] path = ex.getRequestURI().getPath().split("/");
            Map<String, String> q = query(ex.getRequestURI());
            List<ObjectNode> all;
            synchronized (this) {
                all = List.copyOf(datasets.getOrDefault(path[1], List.of()));
            }
            switch (path[2]) {
                case "cursor" -> cursor(ex, all, q);
                case "pages" -> pages(ex, all, Integer.parseInt(q.get("page")), Integer.parseInt(q.get("size")), null);
                case "linked" -> pages(ex, all, Integer.parseInt(q.getOrDefault("page", "1")), 10, ex.getRequestURI().getPath());
                default -> reply(ex, 404, "{}", null);
            }
        }
    }

    private void cursor(HttpExchange ex, List<ObjectNode> all, Map<String, String> q) throws IOException {
        long after = q.containsKey("cursor") ? Long.parseLong(new String(Base64.getUrlDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8)) : 0;
        long since = Long.parseLong(q.getOrDefault("since", "0"));
        int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
        List<ObjectNode> rest = all.stream().filter(i -> i.get("seq").asLong() > Math.max(after, since)).toList();
        List<ObjectNode> page = rest.subList(0, Math.min(limit, rest.size()));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        page.forEach(data::add);
        if (rest.size() > page.size()) {
            String last = page.get(page.size() - 1).get("seq").asText();
            body.put("next", Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        } else {
            body.putNull("next");
        }
        reply(ex, 200, body.toString(), null);
    }

    private void pages(HttpExchange ex, List<ObjectNode> all, int page, int size, String linkPath) throws IOException {
        int from = Math.min(all.size(), (page - 1) * size);
        int to = Math.min(all.size(), from + size);
        ArrayNode data = JSON.createArrayNode();
        all.subList(from, to).forEach(data::add);
        String link = linkPath != null && to < all.size() ? "<" + linkPath + "?page=" + (page + 1) + ">; rel=\"next\"" : null;
        reply(ex, 200, linkPath != null ? data.toString() : JSON.createObjectNode().set("items", data).toString(), link);
    }

    private static void reply(HttpExchange ex, int status, String body, String link) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (link != null) {
            ex.getResponseHeaders().set("Link", link);
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
