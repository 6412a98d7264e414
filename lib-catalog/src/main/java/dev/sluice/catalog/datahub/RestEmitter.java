package dev.sluice.catalog.datahub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Require;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each proposal to GMS as {@code POST /aspects?action=ingestProposal} with
 * {@code X-RestLi-Protocol-Version: 2.0.0}, a bearer token when configured, and the body
 * {@code {"proposal": {...}}}. A 429, a 5xx or an I/O error is retried with exponential backoff
 * (Resilience4j); any other non-2xx fails at once with GMS's message.
 */
public final class RestEmitter implements ProposalEmitter {

    private static final Logger log = LoggerFactory.getLogger(RestEmitter.class);

    private final DataHubRestConfig config;
    private final HttpClient http;
    private final Retry retry;
    private final URI endpoint;

    public RestEmitter(DataHubRestConfig config) {
        this.config = Require.nonNull(config, "config");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout()).build();
        this.endpoint = URI.create(config.gmsUrl() + "/aspects?action=ingestProposal");
        this.retry = Retry.of("datahub-rest", RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(config.backoff(), 2.0))
                .retryExceptions(Retriable.class)
                .build());
        retry.getEventPublisher().onRetry(e -> log.warn("DataHub GMS {}: attempt {} failed ({}), retrying in {}",
                config.gmsUrl(), e.getNumberOfRetryAttempts(), e.getLastThrowable().getMessage(), e.getWaitInterval()));
    }

    @Override
    public void emit(List<Proposal> proposals) {
        for (Proposal p : proposals) {
            try {
                retry.executeCheckedSupplier(() -> {
                    send(p);
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmitException("interrupted sending " + describe(p), e);
            } catch (Throwable e) {
                throw new EmitException("DataHub GMS " + config.gmsUrl() + " did not take " + describe(p) + ": " + e.getMessage(), e);
            }
        }
    }

    private void send(Proposal p) throws IOException, InterruptedException {
        ObjectNode body = Proposal.JSON.createObjectNode();
        body.set("proposal", p.toJson());
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("X-RestLi-Protocol-Version", "2.0.0")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (config.token() != null) {
            req.header("Authorization", "Bearer " + config.token());
        }
        HttpResponse<String> r;
        try {
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Retriable("I/O error: " + e, e);
        }
        int status = r.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String message = "HTTP " + status + " " + abbreviate(r.body());
        if (status == 429 || status / 100 == 5) {
            throw new Retriable(message, null);
        }
        throw new IOException(message);
    }

    private static String describe(Proposal p) {
        return p.changeType() + " " + p.aspectName() + " of " + p.entityUrn();
    }

    private static String abbreviate(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient on Java 17 has no close; its threads are daemons
    }

    /** A failure worth another try. */
    static final class Retriable extends IOException {
        private static final long serialVersionUID = 1L;

        Retriable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
