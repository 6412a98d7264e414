package dev.sluice.ingest.jdbc;

import dev.sluice.api.source.Source;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PostgresService;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.SourceContractTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC source on embedded PostgreSQL (timestamp + id), its state in a compacted topic, passes the Source contract. */
class JdbcSourceContractIT extends SourceContractTest<GenericRecord> {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<PostgresService> POSTGRES = ServiceExtension.postgres();

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"Row","fields":[{"name":"name","type":"string"},{"name":"n","type":"int"}]}""");

    private static String table(String dataset) {
        return "\"" + dataset + "\"";
    }

    @Override
    protected Source<GenericRecord> createSource(String dataset) {
        PostgresService pg = POSTGRES.get();
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table(dataset) + " (id bigserial PRIMARY KEY, updated_at timestamp(6) NOT NULL"
                    + " DEFAULT clock_timestamp(), name text NOT NULL, n int NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JdbcSource.of(dataset, pg.jdbcUrl(), Map.of("user", pg.username(), "password", pg.password()), table(dataset),
                        new Incremental.TimestampId("updated_at", "id"), SCHEMA,
                        KafkaStateStore.Topic.of(KAFKA.get().bootstrapServers(), "sluice-jdbc-state"))
                .withBatchSize(16).withPollInterval(Duration.ofMillis(100));
    }

    @Override
    protected void append(String dataset, List<GenericRecord> values) {
        createSource(dataset); // the table
        try (Connection c = POSTGRES.get().connect();
             PreparedStatement st = c.prepareStatement("INSERT INTO " + table(dataset) + " (name, n) VALUES (?, ?)")) {
            for (GenericRecord v : values) {
                st.setString(1, v.get("name").toString());
                st.setInt(2, (Integer) v.get("n"));
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected GenericRecord value(int i) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("name", "row-" + i);
        r.put("n", i);
        return r;
    }
}
