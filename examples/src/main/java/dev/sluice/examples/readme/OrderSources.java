package dev.sluice.examples.readme;

import dev.sluice.api.source.Source;
import dev.sluice.ingest.cdc.CdcSource;
import dev.sluice.ingest.jdbc.Incremental;
import dev.sluice.ingest.jdbc.JdbcSource;
import dev.sluice.ingest.rest.Pagination;
import dev.sluice.ingest.rest.Resilience;
import dev.sluice.ingest.rest.RestSource;
import dev.sluice.ingest.rest.Watermark;
import dev.sluice.ingest.state.KafkaStateStore;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** README, "Sources into Kafka": orders from a REST API, a table and a change stream. */
final class OrderSources {

    private OrderSources() {}

    static List<Source<GenericRecord>> of(Schema orderSchema, String u, String p) {
        // snippet:start
        var state = KafkaStateStore.Topic.of("kafka:9092", "sluice-source-state");
        RestSource orders = RestSource.of("orders-api", URI.create("https://api.example.com/v1/orders"), "/data",
                        new Pagination.Cursor("cursor", "/next_cursor"), orderSchema, state)
                .withWatermark(Watermark.field("/updated_at", "updated_since", "2026-01-01T00:00:00Z"))
                .withHeaders(Map.of("Authorization", "Bearer " + System.getenv("ORDERS_API_TOKEN")))
                .withResilience(Resilience.defaults().withRate(5));
        JdbcSource rows = JdbcSource.of("orders-db", "jdbc:sqlserver://db:1433;databaseName=shop", Map.of("user", u, "password", p),
                "dbo.orders", new Incremental.TimestampId("updated_at", "id"), orderSchema, state);
        CdcSource changes = CdcSource.postgres("shop-cdc", "db", 5432, "shop", u, p, List.of("public.orders"), state);
        // snippet:end
        return List.of(orders, rows, changes);
    }
}
