package dev.sluice.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.TransformHarness;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC source on embedded PostgreSQL: order, ties, precision, restarts and rows that do not fit. */
class JdbcSourceIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<PostgresService> POSTGRES = ServiceExtension.postgres();

    static final Schema ORDER = new Schema.Parser().parse("""
            {"type":"record","name":"Order","fields":[
              {"name":"id","type":"long"},{"name":"status","type":"string"},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
              {"name":"updated_at","type":{"type":"long","logicalType":"timestamp-micros"}}]}""");

    private final CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();

    private String table() throws SQLException {
        String t = "orders_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE TABLE " + t + " (id bigint PRIMARY KEY, status text, amount numeric(10,2) NOT NULL, updated_at timestamp(6) NOT NULL)");
        return t;
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = POSTGRES.get().connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private SourceReader<GenericRecord> reader(String table, int batch) {
        PostgresService pg = POSTGRES.get();
        JdbcSource source = JdbcSource.of(table, pg.jdbcUrl(), Map.of("user", pg.username(), "password", pg.password()), table,
                        new Incremental.TimestampId("updated_at", "id"), ORDER,
                        KafkaStateStore.Topic.of(KAFKA.get().bootstrapServers(), "sluice-jdbc-state"))
                .withBatchSize(batch).withPollInterval(Duration.ofMillis(100));
        return source.createReader(SourceContext.of(new FailureHandler("jdbc-it", ErrorPolicies.all(TransformHarness.NO_WAIT_DEAD_LETTER),
                deadLetters, PipelineListener.noop()), PipelineListener.noop()));
    }

    private static List<Envelope<GenericRecord>> read(SourceReader<GenericRecord> r, int n) {
        List<Envelope<GenericRecord>> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(r.poll(Duration.ofMillis(200)));
        }
        got.addAll(r.poll(Duration.ofMillis(300)));
        return got;
    }

    private static List<String> rows(List<Envelope<GenericRecord>> got) {
        return got.stream().map(e -> e.value().get("id") + ":" + e.value().get("status")).toList();
    }

    @Test
    void insertsThenUpdatesArriveInKeyOrderOnceAcrossARestart() throws Exception {
        String t = table();
        // 50 rows in one statement share one timestamp: the id breaks the tie.
        sql("INSERT INTO " + t + " SELECT g, 'new', g * 1.25, timestamp '2026-11-24 08:00:00' FROM generate_series(1, 50) g");
        sql("UPDATE " + t + " SET status = 'shipped', updated_at = timestamp '2026-11-24 09:00:00' + id * interval '1 microsecond'"
                + " WHERE id BETWEEN 10 AND 19");
        List<String> expected = new ArrayList<>();
        for (long id = 1; id <= 50; id++) {
            if (id < 10 || id > 19) {
                expected.add(id + ":new");
            }
        }
        for (long id = 10; id <= 19; id++) {
            expected.add(id + ":shipped");
        }
        List<String> seen = new ArrayList<>();
        try (SourceReader<GenericRecord> r = reader(t, 7)) {
            List<Envelope<GenericRecord>> first = read(r, 50);
            assertThat(rows(first)).containsExactlyElementsOf(expected);
            r.commit(first.subList(0, 30).stream().map(Envelope::position).toList());
            seen.addAll(rows(first.subList(0, 30)));
            GenericRecord one = first.get(0).value();
            assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) one.get("amount"), ORDER.getField("amount").schema(),
                    LogicalTypes.decimal(10, 2))).isEqualByComparingTo(new BigDecimal("1.25"));
        }
        try (SourceReader<GenericRecord> r = reader(t, 7)) {
            seen.addAll(rows(read(r, 20)));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(deadLetters.failures()).isEmpty();
    }

    @Test
    void microsecondStepsAreNeitherSkippedNorRepeatedAfterARestart() throws Exception {
        String t = table();
        sql("INSERT INTO " + t + " VALUES (3, 'a', 1, timestamp '2026-11-24 10:00:00.000001'), (2, 'b', 1, timestamp '2026-11-24 10:00:00.000002'),"
                + " (1, 'c', 1, timestamp '2026-11-24 10:00:00.000003')");
        try (SourceReader<GenericRecord> r = reader(t, 100)) {
            List<Envelope<GenericRecord>> got = read(r, 3);
            assertThat(rows(got)).containsExactly("3:a", "2:b", "1:c");
            assertThat(got.get(0).value().get("updated_at")).isEqualTo(1_795_514_400_000_001L);
            r.commit(List.of(got.get(0).position()));
        }
        try (SourceReader<GenericRecord> r = reader(t, 100)) {
            assertThat(rows(read(r, 2))).containsExactly("2:b", "1:c");
        }
    }

    @Test
    void aRowThatDoesNotFitGoesToTheDeadLetterNamingTheColumnAndIsNotReadAgain() throws Exception {
        String t = table();
        sql("INSERT INTO " + t + " VALUES (1, 'ok', 1, timestamp '2026-11-24 10:00:00'), (2, NULL, 2, timestamp '2026-11-24 10:00:01'),"
                + " (3, 'ok', 3, timestamp '2026-11-24 10:00:02')");
        try (SourceReader<GenericRecord> r = reader(t, 100)) {
            List<Envelope<GenericRecord>> got = read(r, 2);
            assertThat(rows(got)).containsExactly("1:ok", "3:ok");
            assertThat(deadLetters.failures()).singleElement().satisfies(f -> {
                assertThat(f.cause().getMessage()).contains("column status is NULL");
                assertThat(new String(f.rawBytes())).contains("id=2").contains("status=null");
            });
            r.commit(got.stream().map(Envelope::position).toList());
        }
        try (SourceReader<GenericRecord> r = reader(t, 100)) {
            assertThat(read(r, 0)).isEmpty();
        }
    }
}
