package dev.sluice.reference;

import dev.sluice.api.codec.SingleObjectAvroCodec;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.ingest.http.ApiKeys;
import dev.sluice.ingest.http.IngestConfig;
import dev.sluice.ingest.http.IngestServer;
import dev.sluice.ingest.http.IngestStream;
import dev.sluice.reference.model.ClickEvent;
import io.micrometer.core.instrument.Counter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;

/**
 * The ingest stage: {@code POST /ingest/clicks} checked against {@link ClickEvent}'s schema and
 * produced to the raw topic (single-object Avro, keyed by user), answered after {@code acks=all};
 * {@code /healthz}, {@code /readyz} and {@code /metrics} beside it.
 */
final class ClickIngest {

    static final String STREAM = "clicks";
    static final String RAW = "clicks-raw";

    private ClickIngest() {}

    static SingleObjectAvroCodec<GenericRecord> rawCodec() {
        return SingleObjectAvroCodec.generic(ClickEvent.getClassSchema());
    }

    /** Starts the server; API keys, when configured, are comma-separated secrets and only their hashes are kept. */
    /** What the server answered for the clicks stream so far: records {@code accepted} or {@code rejected}, whoever posted them. */
    static long records(IngestServer server, String outcome) {
        Counter c = server.meterRegistry().find("sluice.ingest.records").tags("stream", STREAM, "outcome", outcome).counter();
        return c == null ? 0 : (long) c.count();
    }

    static IngestServer start(AppKafkaClients kafka, AppConfig.Ingest settings) {
        IngestStream clicks = IngestStream.of(STREAM, RAW, ClickEvent.getClassSchema(), rawCodec()).withKeyField("userId");
        IngestConfig config = IngestConfig.defaults(kafka.bootstrap()).withListen(settings.listen(), settings.port())
                .withStreams(List.of(clicks)).withProducerConfig(kafka.producerConfig());
        if (settings.apiKeys() != null) {
            List<String> keys = Arrays.stream(settings.apiKeys().reveal().split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
            // Labels are positions, never derived from the key: metrics and logs name "key-2", nothing more.
            config = config.withApiKeys(ApiKeys.of(IntStream.range(0, keys.size())
                    .mapToObj(i -> ApiKeys.ApiKey.ofSecret("key-" + (i + 1), keys.get(i), Set.of(STREAM))).toList()));
        }
        return IngestServer.start(config);
    }

    /** The endpoint as a stage of its own: HTTP clicks into the raw topic. */
    static PipelineGraph graph() {
        return PipelineGraph.of("clicks-ingest", List.of(new LineageDataset("http", "ingest." + STREAM, ClickEvent.getClassSchema())),
                List.of(LineageDataset.kafkaTopic(RAW, ClickEvent.getClassSchema())));
    }
}
