package dev.sluice.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.embedded.KafkaService;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.TransformHarness;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST source against a real local HTTP API, its state in a compacted topic of the in-JVM broker. */
class RestSourceIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    private static ListingApi api;
    private final CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();

    @BeforeAll
    static void startApi() throws Exception {
        api = new ListingApi();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    private static String fresh() {
        return "rest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RestSource cursorSource(String ds) {
        return api.cursorSource(ds, KAFKA.get().bootstrapServers());
    }

    private SourceReader<GenericRecord> reader(RestSource source) {
        return source.createReader(SourceContext.of(new FailureHandler("rest-it", ErrorPolicies.all(TransformHarness.NO_WAIT_DEAD_LETTER),
                deadLetters, PipelineListener.noop()), PipelineListener.noop()));
    }

    private static List<Envelope<GenericRecord>> read(SourceReader<GenericRecord> r, int n) {
        List<Envelope<GenericRecord>> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(r.poll(Duration.ofMillis(200)));
        }
        got.addAll(r.poll(Duration.ofMillis(400))); // a further cycle must bring nothing new
        return got;
    }

    private static List<String> ids(List<Envelope<GenericRecord>> envelopes) {
        return envelopes.stream().map(e -> e.value().get("id").toString()).toList();
    }

    private static List<String> ids(int from, int to) {
        return Items.ids(from, to);
    }

    @Test
    void twentyPagesWithACursorAreReadOnceAcrossARestartInTheMiddleThenOnlyNewItems() {
        String ds = fresh();
        api.append(ds, IntStream.range(0, 200).mapToObj(Items::json).toList());
        List<String> seen = new ArrayList<>();
        try (SourceReader<GenericRecord> r = reader(cursorSource(ds))) {
            List<Envelope<GenericRecord>> first = new ArrayList<>();
            while (first.size() < 95) {
                first.addAll(r.poll(Duration.ofMillis(200)));
            }
            List<Envelope<GenericRecord>> committed = first.subList(0, 95); // mid-page: page 10 has 5 of its 10 done
            r.commit(committed.stream().map(Envelope::position).toList());
            seen.addAll(ids(committed));
        }
        try (SourceReader<GenericRecord> r = reader(cursorSource(ds))) {
            List<Envelope<GenericRecord>> rest = read(r, 105);
            seen.addAll(ids(rest));
            assertThat(seen).containsExactlyElementsOf(ids(0, 200)); // in order, no gap, no repeat
            r.commit(rest.stream().map(Envelope::position).toList());
            api.append(ds, IntStream.range(200, 230).mapToObj(Items::json).toList());
            assertThat(ids(read(r, 30))).containsExactlyElementsOf(ids(200, 230)); // the next cycle asks since=200
        }
        assertThat(deadLetters.failures()).isEmpty();
    }

    @Test
    void serverErrorsOpenTheBreakerWhichStopsAskingAndTheSourceRecovers() throws Exception {
        String ds = fresh();
        api.append(ds, IntStream.range(0, 40).mapToObj(Items::json).toList());
        RestSource source = cursorSource(ds).withResilience(Resilience.defaults().withRate(1000)
                .withRetries(2, Duration.ofMillis(20)).withBreaker(4, Duration.ofSeconds(3)));
        try (SourceReader<GenericRecord> r = reader(source)) {
            api.failWith(500);
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until && ((RestSourceReader) r).breakerState() != CircuitBreaker.State.OPEN) {
                assertThat(r.poll(Duration.ofMillis(100))).isEmpty();
            }
            assertThat(((RestSourceReader) r).breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
            int asked = api.requests();
            for (int i = 0; i < 5; i++) {
                assertThat(r.poll(Duration.ofMillis(100))).isEmpty();
            }
            assertThat(api.requests()).as("no request while the breaker is open").isEqualTo(asked);
            api.failWith(0);
            List<Envelope<GenericRecord>> got = read(r, 40); // after 3 s the breaker lets a trial through, then closes
            assertThat(ids(got)).containsExactlyElementsOf(ids(0, 40));
            assertThat(((RestSourceReader) r).breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        } finally {
            api.failWith(0);
        }
    }

    @Test
    void theRateLimitSpacesRequests() {
        String ds = fresh();
        api.append(ds, IntStream.range(0, 60).mapToObj(Items::json).toList()); // 6 pages of 10
        RestSource source = cursorSource(ds).withResilience(Resilience.defaults().withRate(5)); // one request per 200 ms
        int before = api.requestTimes().size();
        try (SourceReader<GenericRecord> r = reader(source)) {
            assertThat(read(r, 60)).hasSize(60);
        }
        List<Long> times = api.requestTimes().subList(before, api.requestTimes().size());
        assertThat(times.size()).isGreaterThanOrEqualTo(6);
        // At most one request per 200 ms period: n requests span at least n - 2 whole periods. A lower
        // bound only: a slow machine makes the span longer, never shorter.
        long span = times.get(times.size() - 1) - times.get(0);
        assertThat(span).isGreaterThanOrEqualTo((times.size() - 2) * Duration.ofMillis(200).toNanos());
    }

    @Test
    void pageNumberAndLinkHeaderListingsAreReadWhole() {
        String ds = fresh();
        api.append(ds, IntStream.range(0, 35).mapToObj(Items::json).toList());
        var state = KafkaStateStore.Topic.of(KAFKA.get().bootstrapServers(), "sluice-rest-state");
        RestSource pages = RestSource.of(ds + "-pages", api.uri(ds, "pages"), "/items", new Pagination.PageNumber("page", "size", 10, 1),
                Items.SCHEMA, state).withPollInterval(Duration.ofSeconds(30)).withResilience(Resilience.defaults().withRate(1000));
        RestSource linked = RestSource.of(ds + "-linked", api.uri(ds, "linked"), "", new Pagination.LinkHeader(), Items.SCHEMA, state)
                .withPollInterval(Duration.ofSeconds(30)).withResilience(Resilience.defaults().withRate(1000));
        for (RestSource s : List.of(pages, linked)) {
            try (SourceReader<GenericRecord> r = reader(s)) {
                assertThat(ids(read(r, 35))).as(s.name()).containsExactlyElementsOf(ids(0, 35));
            }
        }
    }

    @Test
    void anItemThatDoesNotFitGoesToTheDeadLetterWithItsFieldPathPointerAndBytes() {
        String ds = fresh();
        api.append(ds, List.of(Items.json(0), Items.json(1).put("label", 42), Items.json(2)));
        RestSource source = cursorSource(ds).withFields(Map.of("name", "/label"));
        try (SourceReader<GenericRecord> r = reader(source)) {
            List<Envelope<GenericRecord>> got = read(r, 0);
            assertThat(got).isEmpty(); // items 0 and 2 have no /label: required field missing
            assertThat(deadLetters.failures()).hasSize(3);
            Failure bad = deadLetters.failures().get(1);
            assertThat(bad.cause().getMessage()).contains("$.name (at /label): expected string, got 42");
            assertThat(new String(bad.rawBytes(), StandardCharsets.UTF_8)).contains("\"label\":42").contains("item-1");
            assertThat(bad.envelope().position().describe()).isEqualTo(ds + " page first item 1");
        }
    }
}
