package dev.sluice.ingest.http;

import dev.sluice.api.error.DataException;
import dev.sluice.api.error.RetriableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Takes one request body of one stream to Kafka: parse and validate, encode, produce, and answer
 * once every accepted record has its outcome. Free of HTTP: the handler turns the {@link Reply}
 * into a response.
 *
 * <p>Keys: with an {@code Idempotency-Key}, every record of the request is keyed by it (one
 * partition, in body order) and carries its body index in the {@value #INDEX_HEADER} header, so
 * {@code (key, index)} names a record uniquely; else the stream's key field, else no key.
 */
final class StreamIngestor {

    /** The header carrying a record's 0-based index in its request body, as decimal text. */
    static final String INDEX_HEADER = "sluice.ingest.index";

    private final IngestStream stream;
    private final BodyParser parser;
    private final BoundedProducer gate;
    private final long retryAfterSeconds;
    private final IngestMetrics metrics;

    StreamIngestor(IngestStream stream, BoundedProducer gate, long retryAfterSeconds, IngestMetrics metrics) {
        this.stream = stream;
        this.parser = new BodyParser(stream);
        this.gate = gate;
        this.retryAfterSeconds = retryAfterSeconds;
        this.metrics = metrics;
    }

    IngestStream stream() {
        return stream;
    }

    /** Never throws: every outcome, including a refusal, is a reply. */
    CompletableFuture<Reply> ingest(BodyFormat format, byte[] body, String idempotencyKey) {
        BodyParser.Parsed parsed;
        List<ProducerRecord<byte[], byte[]>> out;
        int[] indexes;
        try {
            parsed = parser.parse(format, body);
            List<GenericRecord> records = parsed.records();
            out = new ArrayList<>(records.size() - parsed.rejected().size());
            indexes = new int[records.size() - parsed.rejected().size()];
            byte[] idemKey = idempotencyKey == null ? null : idempotencyKey.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < records.size(); i++) {
                GenericRecord r = records.get(i);
                if (r != null) {
                    indexes[out.size()] = i;
                    out.add(record(r, i, idemKey));
                }
            }
        } catch (BodyParser.BadBody e) {
            metrics.records(stream.name(), 0, 1, 0);
            return CompletableFuture.completedFuture(Replies.error(400, e.getMessage()));
        } catch (RetriableException e) {
            return CompletableFuture.completedFuture(Replies.retryLater(503, "schema registry unavailable, retry later", retryAfterSeconds));
        } catch (DataException e) {
            return CompletableFuture.completedFuture(Replies.error(400, e.getMessage()));
        }
        if (out.isEmpty()) {
            metrics.records(stream.name(), 0, parsed.rejected().size(), 0);
            return CompletableFuture.completedFuture(Replies.batch(0, parsed.rejected(), List.of(), retryAfterSeconds));
        }
        if (out.size() > gate.maxInFlight()) {
            return CompletableFuture.completedFuture(Replies.error(413, "a request may carry at most " + gate.maxInFlight()
                    + " records (the server's in-flight bound); this one has " + out.size()));
        }
        try {
            return gate.send(out).thenApply(outcomes -> answer(parsed, indexes, outcomes));
        } catch (BoundedProducer.Refused e) {
            return CompletableFuture.completedFuture(Replies.retryLater(429, "too many records in flight, retry later", retryAfterSeconds));
        }
    }

    private ProducerRecord<byte[], byte[]> record(GenericRecord value, int index, byte[] idemKey) {
        byte[] key = idemKey;
        RecordHeaders headers = new RecordHeaders();
        if (idemKey != null) {
            headers.add(INDEX_HEADER, Integer.toString(index).getBytes(StandardCharsets.US_ASCII));
        } else if (stream.keyField() != null) {
            Object k = value.get(stream.keyField());
            key = k == null ? null : k.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new ProducerRecord<>(stream.topic(), null, key, stream.valueCodec().encode(value), headers);
    }

    private Reply answer(BodyParser.Parsed parsed, int[] indexes, String[] outcomes) {
        List<Replies.Failed> failed = new ArrayList<>(0);
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] != null) {
                failed.add(new Replies.Failed(indexes[i], outcomes[i]));
            }
        }
        int accepted = outcomes.length - failed.size();
        metrics.records(stream.name(), accepted, parsed.rejected().size(), failed.size());
        return Replies.batch(accepted, parsed.rejected(), failed, retryAfterSeconds);
    }
}
