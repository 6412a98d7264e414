package dev.sluice.ingest.cdc;

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
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CDC source on SQL Server 2022 with CDC enabled (Testcontainers; skipped where no Docker
 * engine answers, {@link CdcSourceIT} runs the same flow on PostgreSQL everywhere): an insert, an
 * update and a delete arrive in order with before and after, and a restart resumes after them.
 */
class CdcSourceMsSqlIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    private static MsSqlService mssql;

    /** Started by the first test, so without Docker each test reports itself skipped (a class-level skip shows as 0 tests). */
    @BeforeEach
    void start() throws Exception {
        if (mssql != null) {
            return;
        }
        mssql = MsSqlService.start();
        try (Connection c = mssql.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE shop");
            st.execute("USE shop");
            st.execute("EXEC sys.sp_cdc_enable_db");
            st.execute("CREATE TABLE dbo.orders (id int PRIMARY KEY, status nvarchar(20) NOT NULL)");
            st.execute("EXEC sys.sp_cdc_enable_table @source_schema = 'dbo', @source_name = 'orders', @role_name = NULL");
        }
    }

    @AfterAll
    static void stop() {
        if (mssql != null) {
            mssql.close();
        }
    }

    private static SourceReader<GenericRecord> reader() {
        CdcSource source = CdcSource.sqlServer("mssql-orders", mssql.host(), mssql.port(), "shop", mssql.username(), mssql.password(),
                List.of("dbo.orders"), KafkaStateStore.Topic.of(KAFKA.get().bootstrapServers(), "sluice-cdc-state-mssql"))
                .withConnector("database.encrypt", "false");
        return source.createReader(SourceContext.of(new FailureHandler("mssql-cdc", ErrorPolicies.all(TransformHarness.NO_WAIT_DEAD_LETTER),
                new CollectingDeadLetterSink(), PipelineListener.noop()), PipelineListener.noop()));
    }

    private static List<Envelope<GenericRecord>> read(SourceReader<GenericRecord> r, int n) {
        List<Envelope<GenericRecord>> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(r.poll(Duration.ofMillis(500)));
        }
        return got;
    }

    private static void sql(String s) throws Exception {
        try (Connection c = mssql.connect(); Statement st = c.createStatement()) {
            st.execute("USE shop");
            st.execute(s);
        }
    }

    @Test
    void insertUpdateDeleteInOrderWithBeforeAndAfterThenResume() throws Exception {
        try (SourceReader<GenericRecord> r = reader()) {
            sql("INSERT INTO dbo.orders VALUES (1, 'new')");
            sql("UPDATE dbo.orders SET status = 'paid' WHERE id = 1");
            sql("DELETE FROM dbo.orders WHERE id = 1");
            List<Envelope<GenericRecord>> got = read(r, 3);
            List<RowChange> events = got.stream().map(e -> RowChange.of(e.value())).toList();
            assertThat(events).extracting(RowChange::op).containsExactly(RowChange.Op.CREATE, RowChange.Op.UPDATE, RowChange.Op.DELETE);
            assertThat(events.get(1).before().get("status")).hasToString("new");
            assertThat(events.get(1).after().get("status")).hasToString("paid");
            assertThat(events.get(2).after()).isNull();
            r.commit(got.stream().map(Envelope::position).toList());
        }
        sql("INSERT INTO dbo.orders VALUES (2, 'new')");
        try (SourceReader<GenericRecord> r = reader()) {
            assertThat(read(r, 1)).extracting(e -> RowChange.of(e.value()).after().get("id")).containsExactly(2);
        }
    }
}
