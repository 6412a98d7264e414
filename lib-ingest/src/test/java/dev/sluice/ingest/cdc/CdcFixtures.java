package dev.sluice.ingest.cdc;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PostgresService;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.TransformHarness;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;

/**
 * An orders table on PostgreSQL with three rows, the CDC source over it and a reader as a runtime
 * would make one: shared by this module's CDC tests and the stream runtime's test in lib-it.
 */
final class CdcFixtures {

    private CdcFixtures() {
    }

    static void sql(PostgresService pg, String... statements) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** A fresh table (full replica identity) holding orders 1, 2 and 3 at status {@code new}; its name. */
    static String ordersTable(PostgresService pg) throws SQLException {
        String t = "orders_" + UUID.randomUUID().toString().substring(0, 8);
        sql(pg, "CREATE TABLE " + t + " (id int PRIMARY KEY, status text NOT NULL, amount numeric(10,2), placed timestamp(6))",
                "ALTER TABLE " + t + " REPLICA IDENTITY FULL", // updates and deletes carry the whole row before
                "INSERT INTO " + t + " VALUES (1, 'new', 10.50, '2026-11-24 08:00:00.000001'), (2, 'new', 20.00, NULL), (3, 'new', 30.25, NULL)");
        return t;
    }

    static CdcSource source(PostgresService pg, KafkaService kafka, String t) {
        return CdcSource.postgres(t, pg.host(), pg.port(), pg.database(), pg.username(), pg.password(), List.of("public." + t),
                KafkaStateStore.Topic.of(kafka.bootstrapServers(), "sluice-cdc-state"));
    }

    static SourceReader<GenericRecord> reader(CdcSource source) {
        return source.createReader(SourceContext.of(new FailureHandler("cdc-it", ErrorPolicies.all(TransformHarness.NO_WAIT_DEAD_LETTER),
                new CollectingDeadLetterSink(), PipelineListener.noop()), PipelineListener.noop()));
    }

    /** Polls until {@code n} changes came (60 s at most), then once more: a further poll must bring nothing new. */
    static List<Envelope<GenericRecord>> read(SourceReader<GenericRecord> r, int n) {
        List<Envelope<GenericRecord>> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(r.poll(Duration.ofMillis(200)));
        }
        got.addAll(r.poll(Duration.ofMillis(500)));
        return got;
    }
}
