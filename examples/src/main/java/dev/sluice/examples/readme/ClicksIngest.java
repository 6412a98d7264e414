package dev.sluice.examples.readme;

import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.ingest.http.ApiKeys;
import dev.sluice.ingest.http.ApiKeys.ApiKey;
import dev.sluice.ingest.http.IngestConfig;
import dev.sluice.ingest.http.IngestServer;
import dev.sluice.ingest.http.IngestStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** README, "The HTTP ingest server": one stream of clicks, one API key. */
final class ClicksIngest {

    private ClicksIngest() {}

    static void run(SchemaRegistryClient registry, CountDownLatch stop) throws InterruptedException {
        // snippet:start
        Schema schema = ClickEvent.getClassSchema();            // each stream: a topic and an Avro schema
        ConfluentAvroCodec<GenericRecord> avro = ConfluentAvroCodec.generic(registry, "clicks-value", schema);
        IngestConfig config = IngestConfig.defaults("kafka:9092")                         // port 8000
                .withStreams(List.of(IngestStream.of("clicks", "clicks", schema, avro).withAvroBodies(avro)))
                .withApiKeys(ApiKeys.of(List.of(ApiKey.ofHash("web", System.getenv("WEB_KEY_SHA256"), Set.of("clicks")))));
        try (IngestServer server = IngestServer.start(config)) {   // POST /ingest/clicks
            stop.await();                                           // close() drains: see Operations below
        }
        // snippet:end
    }
}
