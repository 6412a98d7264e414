package dev.sluice.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.embedded.KafkaService;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.MsSqlService;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.TransformHarness;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC source on SQL Server 2022 (Testcontainers; skipped where no Docker engine answers, the
 * PostgreSQL variant {@link JdbcSourceIT} runs everywhere): {@code datetime2(7)} rows 100 ns apart
 * are read in order and resumed after exactly, and a {@code rowversion} table is read in version order.
 */
class JdbcSourceMsSqlIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    private static MsSqlService mssql;

    static final Schema ROW = new Schema.Parser().parse("""
            {"type":"record","name":"Row","fields":[{"name":"id","type":"long"},{"name":"status","type":"string"},
              {"name":"updated_at","type":{"type":"long","logicalType":"timestamp-nanos"}}]}""");

    /** Started by the first test, so without Docker each test reports itself skipped (a class-level skip shows as 0 tests). */
    @BeforeEach
    void start() {
        if (mssql == null) {
            mssql = MsSqlService.start();
        }
    }

    @AfterAll
    static void stop() {
        if (mssql != null) {
            mssql.close();
        }
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = mssql.connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private SourceReader<GenericRecord> reader(String table, Incremental inc, Schema schema) {
        JdbcSource source = JdbcSource.of(table, mssql.jdbcUrl() + ";encrypt=false", Map.of("user", mssql.username(), "password", mssql.password()),
                table, inc, schema, KafkaStateStore.Topic.of(KAFKA.get().bootstrapServers(), "sluice-jdbc-state-mssql"))
                .withBatchSize(2).withPollInterval(Duration.ofMillis(100));
        return source.createReader(SourceContext.of(new FailureHandler("mssql-it", ErrorPolicies.all(TransformHarness.NO_WAIT_DEAD_LETTER),
                new CollectingDeadLetterSink(), PipelineListener.noop()), PipelineListener.noop()));
    }

    private static List<String> read(SourceReader<GenericRecord> r, int n, List<Envelope<GenericRecord>> into) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (into.size() < n && System.nanoTime() < deadline) {
            into.addAll(r.poll(Duration.ofMillis(200)));
        }
        into.addAll(r.poll(Duration.ofMillis(300)));
        return into.stream().map(e -> e.value().get("id") + ":" + e.value().get("status")).toList();
    }

    @Test
    void datetime2RowsHundredNanosecondsApartAreReadAndResumedExactly() throws Exception {
        sql("CREATE TABLE dt2 (id bigint PRIMARY KEY, status nvarchar(20) NOT NULL, updated_at datetime2(7) NOT NULL)",
                "INSERT INTO dt2 VALUES (3, 'a', '2026-11-24 10:00:00.0000001'), (2, 'b', '2026-11-24 10:00:00.0000002'),"
                        + " (1, 'c', '2026-11-24 10:00:00.0000003')");
        Incremental inc = new Incremental.TimestampId("updated_at", "id");
        List<Envelope<GenericRecord>> first = new ArrayList<>();
        try (SourceReader<GenericRecord> r = reader("dt2", inc, ROW)) {
            assertThat(read(r, 3, first)).containsExactly("3:a", "2:b", "1:c");
            assertThat(first.get(0).value().get("updated_at")).isEqualTo(1_795_514_400_000_000_100L);
            r.commit(List.of(first.get(0).position()));
        }
        try (SourceReader<GenericRecord> r = reader("dt2", inc, ROW)) {
            assertThat(read(r, 2, new ArrayList<>())).containsExactly("2:b", "1:c");
        }
    }

    @Test
    void rowversionOrdersInsertsAndUpdates() throws Exception {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"Rv","fields":[{"name":"id","type":"long"},{"name":"status","type":"string"}]}""");
        sql("CREATE TABLE rv (id bigint PRIMARY KEY, status nvarchar(20) NOT NULL, rv rowversion)",
                "INSERT INTO rv (id, status) VALUES (1, 'new'), (2, 'new'), (3, 'new')",
                "UPDATE rv SET status = 'paid' WHERE id = 1");
        try (SourceReader<GenericRecord> r = reader("rv", new Incremental.RowVersion("rv"), schema)) {
            assertThat(read(r, 3, new ArrayList<>())).containsExactly("2:new", "3:new", "1:paid");
        }
    }
}
