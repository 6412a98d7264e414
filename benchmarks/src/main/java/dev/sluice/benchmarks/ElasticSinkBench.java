package dev.sluice.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.benchmarks.model.Event;
import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.stream.elastic.DocumentIds;
import dev.sluice.stream.elastic.ElasticConnection;
import dev.sluice.stream.elastic.ElasticSink;
import dev.sluice.stream.elastic.IndexNaming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Elastic sink against a real OpenSearch node (lib-testkit's, a child JVM), beside the loop a
 * user would write instead: the same events as the same JSON documents (same fields, same ids, the
 * sink's mapping), in bulks of the same size with as many in flight, through the JDK's HTTP client, checking each
 * answer's {@code errors}. Records/s from the first write to the last bulk acknowledged; each round
 * into fresh indices, the two contenders alternating first. Kafka is not in the measurement
 * (records are built in memory with Kafka positions, as in {@code bench s3-sink}).
 */
final class ElasticSinkBench {

    private static final int BULK = 1_000;
    private static final int IN_FLIGHT = 2;
    private static final JsonFactory JSON = new JsonFactory();

    private ElasticSinkBench() {}

    static void run(long records, int rounds) throws Exception {
        // The parent breaker on real memory trips on garbage the serial collector has not collected yet (a 429 for
        // either contender under sustained indexing); counting reservations only keeps the node answering.
        try (OpenSearchServer node = OpenSearchServer.start(Map.of("indices.breaker.total.use_real_memory", "false"))) {
            List<Envelope<Event>> input = new ArrayList<>((int) records);
            for (long i = 0; i < records; i++) {
                Event e = Events.event(i);
                input.add(Envelope.of(e, null, EnvelopeHeaders.empty(), new Position.Kafka("events", (int) (i % 4), i / 4), e.getTimestamp(), null));
            }
            String mapping = null;
            List<Double> sluice = new ArrayList<>();
            List<Double> peer = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) { // round 0 warms up, the sink first: its index's mapping is the plain loop's
                boolean sluiceFirst = r % 2 == 0;
                String sluiceIndex = "bench-sluice-" + r;
                String peerIndex = "bench-peer-" + r;
                double s = 0;
                double p = 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == sluiceFirst) {
                        s = timed(node, sluiceIndex, records, () -> sink(node, sluiceIndex, input));
                        mapping = mapping != null ? mapping : Indices.mapping(node, sluiceIndex);
                    } else {
                        // The same mapping as the sink's (keywords, a date): dynamic mapping would index every string twice.
                        check(node.request("PUT", "/" + peerIndex, "{\"mappings\":" + mapping + "}"));
                        p = timed(node, peerIndex, records, () -> plainBulk(node, peerIndex, input));
                    }
                }
                System.out.printf("elastic-sink round %d: %,d documents: sluice %,.0f/s, plain _bulk %,.0f/s (ratio %.2f)%n", r, records, s, p, s / p);
                if (r > 0) {
                    sluice.add(s);
                    peer.add(p);
                }
                node.request("DELETE", "/bench-*-" + r, null);
            }
            System.out.printf("elastic-sink sluice %s, plain _bulk %s (documents/s per round)%n", sluice, peer);
            Results.print("elastic-sink", Results.median(sluice), Results.median(peer));
        }
    }

    /** Runs {@code write}, checks the index then holds every record, and answers records per second. */
    private static double timed(OpenSearchServer node, String index, long records, Runnable write) {
        long start = System.nanoTime();
        write.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long count = node.count(index);
        if (count != records) {
            throw new IllegalStateException(index + " holds " + count + " documents, not " + records);
        }
        return records / seconds;
    }

    private static void sink(OpenSearchServer node, String index, List<Envelope<Event>> input) {
        ElasticSink<Event> sink = ElasticSink.<Event>of(ElasticConnection.of(node.url()), IndexNaming.fixed(index), Event.getClassSchema())
                .withIds(DocumentIds.field("eventId"));
        FailureHandler failures = new FailureHandler("bench", ErrorPolicies.defaults(), DeadLetterSink.none(), PipelineListener.noop());
        try (SinkWriter<Event> w = sink.createWriter(new SinkContext(failures, PipelineListener.noop(), 0))) {
            input.forEach(w::write);
            w.flush();
        }
    }

    /** The plain loop: JSON by Jackson's generator, bulks of {@value #BULK}, {@value #IN_FLIGHT} in flight. */
    private static void plainBulk(OpenSearchServer node, String index, List<Envelope<Event>> input) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI bulk = URI.create(node.url() + "/_bulk");
        Deque<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayDeque<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
        int n = 0;
        for (Envelope<Event> e : input) {
            write(index, e.value(), body);
            if (++n % BULK == 0 || n == input.size()) {
                while (inFlight.size() >= IN_FLIGHT) {
                    check(inFlight.poll().join());
                }
                HttpRequest request = HttpRequest.newBuilder(bulk).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
                inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                body.reset();
            }
        }
        while (!inFlight.isEmpty()) {
            check(inFlight.poll().join());
        }
    }

    private static void write(String index, Event e, ByteArrayOutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("index");
            g.writeStringField("_index", index);
            g.writeStringField("_id", e.getEventId().toString());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
            g.writeStartObject();
            g.writeStringField("eventId", e.getEventId().toString());
            g.writeStringField("userId", e.getUserId().toString());
            g.writeStringField("sessionId", e.getSessionId().toString());
            g.writeStringField("url", e.getUrl().toString());
            if (e.getReferrer() != null) {
                g.writeStringField("referrer", e.getReferrer().toString());
            }
            g.writeStringField("userAgent", e.getUserAgent().toString());
            g.writeStringField("country", e.getCountry().toString());
            g.writeNumberField("durationMs", e.getDurationMs());
            g.writeNumberField("scrollPct", e.getScrollPct());
            g.writeNumberField("price", e.getPrice());
            g.writeStringField("timestamp", e.getTimestamp().toString());
            g.writeBooleanField("bot", e.getBot());
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Reads an index's mapping, to give the plain loop's index the very same one. */
    private static final class Indices {
        static String mapping(OpenSearchServer node, String index) {
            OpenSearchServer.Response r = node.request("GET", "/" + index + "/_mapping", null);
            try {
                return new ObjectMapper().readTree(r.body()).path(index).path("mappings").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void check(OpenSearchServer.Response r) {
        if (r.status() != 200) {
            throw new IllegalStateException(r.status() + " " + r.body());
        }
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200 || r.body().startsWith("{\"took\"") && r.body().contains("\"errors\":true")) {
            throw new IllegalStateException("plain _bulk failed: " + r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
        }
    }
}
