package dev.sluice.ingest.http;

import dev.sluice.api.Require;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the ingest server listens, what it accepts and how it produces. Immutable; start from
 * {@link #defaults(String)} and change it with the {@code with*} methods.
 *
 * @param bootstrapServers   the Kafka cluster records are produced to (acks=all, idempotent)
 * @param host               the address to bind
 * @param port               the port; 0 picks a free one ({@link IngestServer#port()} tells which)
 * @param streams            the streams served under {@code /ingest/{name}}
 * @param apiKeys            who may write; {@link ApiKeys#open()} for no authentication
 * @param maxBodyBytes       larger bodies are refused with 413 before they are read in full. It is
 *                           the bound on one value's size too: a string under a name the schema
 *                           does not know is skipped unread whatever its length, while one the
 *                           schema reads is also held to Jackson's 20,000,000-character limit
 * @param maxInFlightRecords records produced but not yet acknowledged, across all requests; a
 *                           request that would exceed it is refused with 429 (bounds memory)
 * @param ackTimeout         how long Kafka may take to acknowledge a record (the producer's
 *                           {@code delivery.timeout.ms}); past it the request is answered 503
 * @param retryAfter         the {@code Retry-After} given with 429 and 503
 * @param idempotencyWindow  how long an {@code Idempotency-Key} is remembered
 * @param idempotencyMaxKeys at most this many keys are remembered (the oldest go first)
 * @param eventLoops         Vert.x event loops (threads that parse, validate and answer)
 * @param producerConfig     extra Kafka producer settings (security, compression, linger...);
 *                           acks, idempotence and serializers are fixed
 */
public record IngestConfig(String bootstrapServers, String host, int port, List<IngestStream> streams, ApiKeys apiKeys,
                           int maxBodyBytes, int maxInFlightRecords, Duration ackTimeout, Duration retryAfter,
                           Duration idempotencyWindow, int idempotencyMaxKeys, int eventLoops,
                           Map<String, Object> producerConfig) {

    public static final int DEFAULT_PORT = 8000;

    public IngestConfig {
        Require.nonBlank(bootstrapServers, "bootstrapServers");
        Require.nonBlank(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        streams = List.copyOf(Require.nonNull(streams, "streams"));
        if (streams.stream().map(IngestStream::name).distinct().count() != streams.size()) {
            throw new IllegalArgumentException("streams: two streams share a name");
        }
        Require.nonNull(apiKeys, "apiKeys");
        Require.atLeast(maxBodyBytes, 1, "maxBodyBytes");
        Require.atLeast(maxInFlightRecords, 1, "maxInFlightRecords");
        Require.positive(ackTimeout, "ackTimeout");
        Require.positive(retryAfter, "retryAfter");
        Require.positive(idempotencyWindow, "idempotencyWindow");
        Require.atLeast(idempotencyMaxKeys, 1, "idempotencyMaxKeys");
        Require.atLeast(eventLoops, 1, "eventLoops");
        producerConfig = Map.copyOf(Require.nonNull(producerConfig, "producerConfig"));
    }

    /** Port 8000 on all interfaces, no streams, no keys, 1 MiB bodies, 50,000 records in flight, 30 s to acknowledge. */
    public static IngestConfig defaults(String bootstrapServers) {
        return new IngestConfig(bootstrapServers, "0.0.0.0", DEFAULT_PORT, List.of(), ApiKeys.open(), 1 << 20, 50_000,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5), 100_000,
                Runtime.getRuntime().availableProcessors(), Map.of());
    }

    public IngestConfig withListen(String host, int port) {
        return new IngestConfig(bootstrapServers, host, port, streams, apiKeys, maxBodyBytes, maxInFlightRecords, ackTimeout,
                retryAfter, idempotencyWindow, idempotencyMaxKeys, eventLoops, producerConfig);
    }

    public IngestConfig withStreams(List<IngestStream> streams) {
        return new IngestConfig(bootstrapServers, host, port, streams, apiKeys, maxBodyBytes, maxInFlightRecords, ackTimeout,
                retryAfter, idempotencyWindow, idempotencyMaxKeys, eventLoops, producerConfig);
    }

    public IngestConfig withApiKeys(ApiKeys apiKeys) {
        return new IngestConfig(bootstrapServers, host, port, streams, apiKeys, maxBodyBytes, maxInFlightRecords, ackTimeout,
                retryAfter, idempotencyWindow, idempotencyMaxKeys, eventLoops, producerConfig);
    }

    public IngestConfig withLimits(int maxBodyBytes, int maxInFlightRecords) {
        return new IngestConfig(bootstrapServers, host, port, streams, apiKeys, maxBodyBytes, maxInFlightRecords, ackTimeout,
                retryAfter, idempotencyWindow, idempotencyMaxKeys, eventLoops, producerConfig);
    }

    public IngestConfig withTimeouts(Duration ackTimeout, Duration retryAfter) {
        return new IngestConfig(bootstrapServers, host, port, streams, apiKeys, maxBodyBytes, maxInFlightRecords, ackTimeout,
                retryAfter, idempotencyWindow, idempotencyMaxKeys, eventLoops, producerConfig);
    }

    public IngestConfig withIdempotency(Duration window, int maxKeys) {
        return new IngestConfig(bootstrapServers, host, port, streams, apiKeys, maxBodyBytes, maxInFlightRecords, ackTimeout,
                retryAfter, window, maxKeys, eventLoops, producerConfig);
    }

    public IngestConfig withEventLoops(int eventLoops) {
        return new IngestConfig(bootstrapServers, host, port, streams, apiKeys, maxBodyBytes, maxInFlightRecords, ackTimeout,
                retryAfter, idempotencyWindow, idempotencyMaxKeys, eventLoops, producerConfig);
    }

    public IngestConfig withProducerConfig(Map<String, Object> producerConfig) {
        return new IngestConfig(bootstrapServers, host, port, streams, apiKeys, maxBodyBytes, maxInFlightRecords, ackTimeout,
                retryAfter, idempotencyWindow, idempotencyMaxKeys, eventLoops, producerConfig);
    }
}
