package dev.sluice.ingest.rest;

import dev.sluice.api.source.Source;
import dev.sluice.embedded.KafkaService;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.SourceContractTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST source over a cursor listing without a watermark, its state in a compacted topic, passes the Source contract. */
class RestSourceContractIT extends SourceContractTest<GenericRecord> {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    private static ListingApi api;

    @BeforeAll
    static void startApi() throws IOException {
        api = new ListingApi();
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Override
    protected Source<GenericRecord> createSource(String dataset) {
        return RestSource.of(dataset, api.uri(dataset, "cursor"), "/data", new Pagination.Cursor("cursor", "/next"), Items.SCHEMA,
                        KafkaStateStore.Topic.of(KAFKA.get().bootstrapServers(), "sluice-rest-state"))
                .withQuery(Map.of("limit", "7"))
                .withResilience(Resilience.defaults().withRate(1000))
                .withPollInterval(Duration.ofMillis(200));
    }

    @Override
    protected void append(String dataset, List<GenericRecord> values) {
        api.append(dataset, values.stream().map(v -> Items.json(Integer.parseInt(v.get("id").toString().substring(5)))).toList());
    }

    @Override
    protected GenericRecord value(int i) {
        return Items.avro(i);
    }
}
