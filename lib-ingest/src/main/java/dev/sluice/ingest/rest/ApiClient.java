package dev.sluice.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.RetriableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs pages of JSON for one REST source: rate-limited, retried with backoff on what may pass
 * (connection errors, timeouts, 429, 5xx), behind a circuit breaker. Other 4xx answers are
 * configuration problems and stop the source with the API's status and the start of its answer.
 * Logs name URLs and statuses, never header values.
 */
final class ApiClient {

    private static final Logger log = LoggerFactory.getLogger(ApiClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page as fetched: the URI asked, the parsed body and the response headers. */
    record Page(URI uri, JsonNode body, Map<String, List<String>> headers) {}

    private final String source;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient http;
    private final RateLimiter rate;
    private final Retry retry;
    private final CircuitBreaker breaker;

    ApiClient(String source, Map<String, String> headers, Resilience r) {
        this.source = source;
        this.headers = headers;
        this.timeout = r.requestTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(r.requestTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        long periodNanos = (long) Math.max(1_000_000, 1e9 / r.requestsPerSecond());
        this.rate = RateLimiter.of(source, RateLimiterConfig.custom().limitForPeriod(1).limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(Duration.ofMinutes(10)).build());
        this.breaker = CircuitBreaker.of(source, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(r.breakerWindow())
                .minimumNumberOfCalls(r.breakerWindow()).failureRateThreshold(50).waitDurationInOpenState(r.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1).recordExceptions(RetriableException.class).build());
        this.retry = Retry.of(source, RetryConfig.custom().maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(r.initialBackoff(), 2.0))
                .retryExceptions(RetriableException.class).ignoreExceptions(CallNotPermittedException.class).build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("REST source {}: circuit breaker {}", source, e.getStateTransition()));
        retry.getEventPublisher().onRetry(e -> log.info("REST source {}: retry {} in {} after {}", source, e.getNumberOfRetryAttempts(),
                e.getWaitInterval(), e.getLastThrowable().getMessage()));
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * Fetches a page, waiting for the rate limit and retrying transient failures.
     *
     * @throws CallNotPermittedException while the breaker is open
     * @throws RetriableException        when every attempt failed transiently
     * @throws PipelineException         when the API refused the request for good (other 4xx, not JSON)
     */
    Page get(URI uri) {
        Supplier<Page> call = CircuitBreaker.decorateSupplier(breaker, () -> {
            rate.acquirePermission();
            return fetch(uri);
        });
        return Retry.decorateSupplier(retry, call).get();
    }

    private Page fetch(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        headers.forEach(b::header);
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RetriableException("REST source " + source + ": GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("REST source " + source + ": interrupted during GET " + uri, e);
        }
        int status = resp.statusCode();
        if (status == 429 || status >= 500) {
            throw new RetriableException("REST source " + source + ": GET " + uri + " answered " + status);
        }
        if (status >= 300) {
            throw new PipelineException("REST source " + source + ": GET " + uri + " answered " + status + ": " + start(resp.body()));
        }
        try {
            return new Page(uri, JSON.readTree(resp.body()), resp.headers().map());
        } catch (IOException e) {
            throw new PipelineException("REST source " + source + ": GET " + uri + " answered " + status + " with a body that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    private static String start(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ");
    }
}
