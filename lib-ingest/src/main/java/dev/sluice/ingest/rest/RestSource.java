package dev.sluice.ingest.rest;

import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.ingest.state.StateStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Polls an HTTP JSON API: each cycle lists the items changed since the last (see {@link Watermark})
 * page by page (see {@link Pagination}), maps each item onto an Avro schema, and returns them in
 * order. Progress (the cycle's watermark, the page, the items done in it) is stored in a
 * {@link StateStore} when positions are committed, so a restart resumes after the last committed
 * item. Items that do not fit the schema go to the dead letter with their JSON bytes and field
 * paths. Immutable; change it with the {@code with*} methods.
 *
 * @param name         names the source's state and its errors; unique per store
 * @param url          the listing's URL
 * @param query        fixed query parameters
 * @param headers      request headers (an {@code Authorization} from the environment, say); never
 *                     logged or printed
 * @param itemsPointer JSON pointer to the array of items in a page ({@code ""} for a top-level array)
 * @param pagination   how pages follow each other
 * @param watermark    how a cycle asks only for changes
 * @param schema       the Avro record schema items are mapped to
 * @param fields       JSON pointer per schema field; a field not listed is read from {@code /<name>}
 * @param state        where progress is kept (a compacted Kafka topic)
 * @param resilience   rate limit, retries and circuit breaker
 * @param pollInterval the time from one cycle's start to the next's
 */
public record RestSource(String name, URI url, Map<String, String> query, Map<String, String> headers, String itemsPointer,
                         Pagination pagination, Watermark watermark, Schema schema, Map<String, String> fields,
                         StateStore.Factory state, Resilience resilience, Duration pollInterval) implements Source<GenericRecord> {

    private static final long serialVersionUID = 1L;

    public RestSource {
        Require.nonBlank(name, "name");
        Require.nonNull(url, "url");
        query = Map.copyOf(Require.nonNull(query, "query"));
        headers = Map.copyOf(Require.nonNull(headers, "headers"));
        Require.nonNull(itemsPointer, "itemsPointer");
        Require.nonNull(pagination, "pagination");
        Require.nonNull(watermark, "watermark");
        Require.nonNull(schema, "schema");
        fields = Map.copyOf(Require.nonNull(fields, "fields"));
        for (String f : fields.keySet()) {
            if (schema.getField(f) == null) {
                throw new IllegalArgumentException("source " + name + ": field '" + f + "' is not in schema " + schema.getFullName());
            }
        }
        Require.nonNull(state, "state");
        Require.nonNull(resilience, "resilience");
        Require.positive(pollInterval, "pollInterval");
    }

    /** Items at {@code itemsPointer}, no watermark, default resilience, a new cycle every minute. */
    public static RestSource of(String name, URI url, String itemsPointer, Pagination pagination, Schema schema, StateStore.Factory state) {
        return new RestSource(name, url, Map.of(), Map.of(), itemsPointer, pagination, Watermark.none(), schema, Map.of(), state,
                Resilience.defaults(), Duration.ofMinutes(1));
    }

    public RestSource withWatermark(Watermark w) {
        return new RestSource(name, url, query, headers, itemsPointer, pagination, w, schema, fields, state, resilience, pollInterval);
    }

    public RestSource withQuery(Map<String, String> q) {
        return new RestSource(name, url, q, headers, itemsPointer, pagination, watermark, schema, fields, state, resilience, pollInterval);
    }

    public RestSource withHeaders(Map<String, String> h) {
        return new RestSource(name, url, query, h, itemsPointer, pagination, watermark, schema, fields, state, resilience, pollInterval);
    }

    public RestSource withFields(Map<String, String> f) {
        return new RestSource(name, url, query, headers, itemsPointer, pagination, watermark, schema, f, state, resilience, pollInterval);
    }

    public RestSource withResilience(Resilience r) {
        return new RestSource(name, url, query, headers, itemsPointer, pagination, watermark, schema, fields, state, r, pollInterval);
    }

    public RestSource withPollInterval(Duration d) {
        return new RestSource(name, url, query, headers, itemsPointer, pagination, watermark, schema, fields, state, resilience, d);
    }

    @Override
    public SourceReader<GenericRecord> createReader(SourceContext context) {
        return new RestSourceReader(this, context);
    }

    @Override
    public List<LineageDataset> datasets() {
        return List.of(new LineageDataset("rest", url.getHost() + url.getPath(), schema));
    }

    @Override
    public String toString() {
        return "RestSource[" + name + ", " + url + ", headers=" + headers.keySet() + ", " + pagination + ", " + watermark + "]";
    }
}
