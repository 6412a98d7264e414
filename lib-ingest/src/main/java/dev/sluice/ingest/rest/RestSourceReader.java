package dev.sluice.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.error.Stage;
import dev.sluice.api.source.SourceContext;
import dev.sluice.ingest.state.OrderedProgress;
import dev.sluice.ingest.state.OrderedStreamReader;
import dev.sluice.ingest.state.StateStore;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link RestSource}: one page per poll, items in listing order. Every item read (returned
 * or dead-lettered) waits in order with the state to store once it and all before it are done;
 * {@link #commit} marks items done and stores the newest such state, so a restart resumes after the
 * last committed item: the same page, skipping the items done in it.
 *
 * <p>At the end of a listing: with a watermark, the next cycle lists from the first page with the
 * new watermark; without one, it re-reads the last page skipping what it already read, and follows
 * on (APIs whose last cursor or page grows). Cycles start {@code pollInterval} apart.
 */
final class RestSourceReader extends OrderedStreamReader<GenericRecord> {

    private static final Logger log = LoggerFactory.getLogger(RestSourceReader.class);
    private static final Duration WAIT_WHEN_REFUSED = Duration.ofMillis(500);

    private final RestSource source;
    private final FailureHandler failures;
    private final StateStore store;
    private final ApiClient api;
    private final ItemMapper mapper;
    private final String component;
    private final OrderedProgress<ListingState> progress;
    private final ListingState initial;
    private long cycle;
    private ListingState at; // the next page to fetch, in the current cycle
    private boolean cycleDone;
    private boolean closed;

    RestSourceReader(RestSource source, SourceContext context) {
        this.source = source;
        this.failures = context.failures();
        this.component = "rest-source:" + source.name();
        this.store = source.state().open();
        this.api = new ApiClient(source.name(), source.headers(), source.resilience());
        this.mapper = new ItemMapper(source.schema(), source.fields());
        this.progress = new OrderedProgress<>(store, source.name(), ListingState::toJson);
        this.initial = store.get(source.name()).map(json -> ListingState.fromJson(source.name(), json))
                .orElse(new ListingState(source.watermark().initial(), null, 0, source.watermark().initial(), System.currentTimeMillis()));
        this.at = initial;
        log.info("REST source {} starts at {}", source.name(), at);
    }

    @Override
    public List<Envelope<GenericRecord>> poll(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("REST source " + source.name() + " is closed");
        }
        if (waitedWhilePaused(timeout)) {
            return List.of();
        }
        if (cycleDone) {
            long wait = at.started() + source.pollInterval().toMillis() - System.currentTimeMillis();
            if (wait > 0) {
                sleep(Math.min(wait, timeout.toMillis()));
                return List.of();
            }
            cycle++;
            cycleDone = false;
            at = nextCycle();
        }
        ApiClient.Page page;
        try {
            page = api.get(source.pagination().request(source.url(), query(), at.page()));
        } catch (CallNotPermittedException | RetriableException e) {
            log.debug("REST source {}: no page this poll: {}", source.name(), e.getMessage());
            sleep(Math.min(WAIT_WHEN_REFUSED.toMillis(), timeout.toMillis()));
            return List.of();
        }
        return read(page);
    }

    private List<Envelope<GenericRecord>> read(ApiClient.Page page) {
        JsonNode items = page.body().at(source.itemsPointer());
        if (!items.isArray()) {
            throw new PipelineException("REST source " + source.name() + ": " + page.uri() + " has no array at '" + source.itemsPointer()
                    + "' (found " + (items.isMissingNode() ? "nothing" : items.getNodeType().name().toLowerCase()) + ")");
        }
        if (items.size() < at.skip()) {
            log.warn("REST source {}: page {} has {} items, {} were read before: the listing changed; reading on", source.name(),
                    page.uri(), items.size(), at.skip());
        }
        List<Envelope<GenericRecord>> out = new ArrayList<>(Math.max(0, items.size() - at.skip()));
        String max = at.max();
        Instant fetched = Instant.now(); // the event time: when the API was asked (items carry no common time field)
        for (int i = at.skip(); i < items.size(); i++) {
            JsonNode item = items.get(i);
            max = Watermark.max(max, source.watermark().valueOf(item));
            Position pos = new ApiPosition(source.name(), cycle, at.page(), i);
            ListingState after = new ListingState(at.wm(), at.page(), i + 1, max, at.started());
            Envelope<JsonNode> raw = Envelope.of(item, null, EnvelopeHeaders.empty(), pos, fetched, item.toString().getBytes(StandardCharsets.UTF_8));
            FailureHandler.Outcome<GenericRecord> mapped = failures.run(Stage.DESERIALIZE, component, raw, () -> mapper.map(item));
            if (mapped.succeeded()) {
                progress.read(pos, after);
                out.add(raw.withValue(mapped.value()));
            } else {
                progress.finished(after);
            }
        }
        String next = source.pagination().next(at.page(), page.uri(), page.body(), page.headers(), items.size());
        if (next != null) {
            at = new ListingState(at.wm(), next, 0, max, at.started());
        } else {
            cycleDone = true;
            // Without a watermark the next cycle re-reads this last page past what it holds now.
            at = new ListingState(at.wm(), at.page(), Math.max(items.size(), at.skip()), max, at.started());
            progress.finished(source.watermark().kind() == Watermark.Kind.NONE ? at : nextCycle());
        }
        progress.store();
        return out;
    }

    /** The state at which the cycle after the current one starts. */
    private ListingState nextCycle() {
        long now = System.currentTimeMillis();
        return switch (source.watermark().kind()) {
            case NONE -> new ListingState(null, at.page(), at.skip(), null, now);
            case FIELD -> new ListingState(at.max(), null, 0, at.max(), now);
            case REQUEST_TIME -> new ListingState(Instant.ofEpochMilli(at.started()).toString(), null, 0, null, now);
        };
    }

    private Map<String, String> query() {
        if (at.wm() == null || source.watermark().kind() == Watermark.Kind.NONE) {
            return source.query();
        }
        Map<String, String> q = new LinkedHashMap<>(source.query());
        q.put(source.watermark().param(), at.wm());
        return q;
    }

    /** The circuit breaker's state, for health checks and tests. */
    io.github.resilience4j.circuitbreaker.CircuitBreaker.State breakerState() {
        return api.breakerState();
    }

    @Override
    public void commit(Collection<? extends Position> positions) {
        progress.commit(positions);
    }

    /**
     * The next poll fetches the page of the last stored state and skips what was committed in it.
     * A new cycle number keeps the positions of the items read again apart from those handed before.
     */
    @Override
    public void rewind() {
        at = progress.rewind().orElse(initial);
        cycle++;
        cycleDone = false;
        log.info("REST source {} rewinds to {}", source.name(), at);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }
}
