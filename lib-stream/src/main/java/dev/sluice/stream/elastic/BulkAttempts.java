package dev.sluice.stream.elastic;

import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The sends of one {@link BulkRequest}: the first with every item, each later one with only the
 * items the cluster refused for load. Which items those are is the state a retry needs; the retry
 * loop itself (backoff, attempts) is Resilience4j's, driven by {@link #isUnfinished()} and
 * {@link #isTransient(Throwable)}.
 */
final class BulkAttempts {

    /** What becomes of each item; called from the HTTP client's threads. */
    interface Outcomes {
        void indexed(int count);

        void refused(BulkRequest.Item item, BulkResponse.ItemOutcome outcome);

        void retrying(BulkRequest.Item item, BulkResponse.ItemOutcome outcome, int attempt);
    }

    /** A whole request refused for load or availability (429, 502-504): sent again as it was. */
    static final class Unavailable extends RetriableException {
        private static final long serialVersionUID = 1L;

        Unavailable(int status, String body) {
            super(status + " from _bulk: " + body, BulkResponse.reasonCode(status), null);
        }
    }

    private final BulkRequest bulk;
    private final Outcomes outcomes;
    private final String component;
    private volatile List<BulkRequest.Item> remaining;
    private volatile int attempts;

    BulkAttempts(BulkRequest bulk, Outcomes outcomes, String component) {
        this.bulk = bulk;
        this.outcomes = outcomes;
        this.component = component;
        this.remaining = bulk.items();
    }

    /** Sends the items not yet done; completes with this once the answer is absorbed. */
    CompletionStage<BulkAttempts> send(ElasticHttp http) {
        attempts++;
        List<BulkRequest.Item> items = remaining;
        if (items == bulk.items()) {
            return http.bulk(bulk.body().array(), bulk.body().size()).thenApply(a -> absorb(a, items));
        }
        byte[] body = bulk.bytesOf(items);
        return http.bulk(body, body.length).thenApply(a -> absorb(a, items));
    }

    boolean isUnfinished() {
        return !remaining.isEmpty();
    }

    int unfinished() {
        return remaining.size();
    }

    int attempts() {
        return attempts;
    }

    private BulkAttempts absorb(ElasticHttp.Answer answer, List<BulkRequest.Item> sent) {
        int status = answer.status();
        if (BulkResponse.isLoadStatus(status)) {
            throw new Unavailable(status, abbreviate(answer.text()));
        }
        if (status != 200) {
            String hint = status == 413 ? " (the bulk is larger than the cluster's http.max_content_length: lower Bulking.maxBytes)" : "";
            throw new PipelineException(component + ": _bulk answered " + status + hint + ": " + abbreviate(answer.text()));
        }
        BulkResponse response = BulkResponse.parse(answer.body());
        if (!response.errors()) {
            remaining = List.of();
            outcomes.indexed(sent.size());
            return this;
        }
        if (response.outcomes().size() != sent.size()) {
            throw new PipelineException(component + ": _bulk answered " + response.outcomes().size() + " items for " + sent.size() + " sent");
        }
        List<BulkRequest.Item> again = new ArrayList<>();
        int indexed = 0;
        for (int i = 0; i < sent.size(); i++) {
            BulkRequest.Item item = sent.get(i);
            BulkResponse.ItemOutcome o = response.outcomes().get(i);
            if (o.succeeded(item.delete())) {
                indexed++;
            } else if (o.retriable()) {
                again.add(item);
                outcomes.retrying(item, o, attempts);
            } else {
                outcomes.refused(item, o);
            }
        }
        remaining = again;
        outcomes.indexed(indexed);
        return this;
    }

    /** Transport failures (refused connections, timeouts) and whole requests refused for load. */
    static boolean isTransient(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof IOException || c instanceof Unavailable;
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
