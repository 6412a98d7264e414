package dev.sluice.ingest.cdc;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceReader;
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
import java.util.Collection;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CDC source on embedded PostgreSQL passes the Source contract. Rows are appended as inserts
 * that the source streams (slot and publication made before the first append, no snapshot), and
 * the contract compares each row's {@code name} column: the records' Avro schema is derived from
 * the table by Debezium, so the test projects the value rather than rebuild that schema.
 */
class CdcSourceContractIT extends SourceContractTest<String> {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<PostgresService> POSTGRES = ServiceExtension.postgres();

    private static String id(String dataset) {
        return dataset.replace('-', '_');
    }

    private static void prepare(String dataset) {
        String t = id(dataset);
        try (Connection c = POSTGRES.get().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + t + " (id serial PRIMARY KEY, name text NOT NULL)");
            if (!st.executeQuery("SELECT 1 FROM pg_publication WHERE pubname = '" + t + "'").next()) {
                st.execute("CREATE PUBLICATION " + t + " FOR TABLE " + t);
                st.execute("SELECT pg_create_logical_replication_slot('" + t + "', 'pgoutput')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Source<String> createSource(String dataset) {
        prepare(dataset);
        PostgresService pg = POSTGRES.get();
        CdcSource cdc = CdcSource.postgres(dataset, pg.host(), pg.port(), pg.database(), pg.username(), pg.password(),
                        List.of("public." + id(dataset)), KafkaStateStore.Topic.of(KAFKA.get().bootstrapServers(), "sluice-cdc-state"))
                .withConnector("snapshot.mode", "no_data").withValue(CdcSource.Value.AFTER);
        return context -> new NameReader(cdc.createReader(context));
    }

    @Override
    protected void append(String dataset, List<String> values) {
        prepare(dataset);
        try (Connection c = POSTGRES.get().connect(); PreparedStatement st = c.prepareStatement("INSERT INTO " + id(dataset) + " (name) VALUES (?)")) {
            for (String v : values) {
                st.setString(1, v);
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String value(int i) {
        return "row-" + i;
    }

    /** The CDC reader with each value projected to its {@code name}; positions, commits, pause, rewind and closing are the reader's own. */
    private record NameReader(SourceReader<GenericRecord> reader) implements SourceReader<String> {
        @Override
        public List<Envelope<String>> poll(Duration timeout) {
            return reader.poll(timeout).stream().map(e -> e.withValue(e.value().get("name").toString())).toList();
        }

        @Override
        public void commit(Collection<? extends Position> positions) {
            reader.commit(positions);
        }

        @Override
        public void pause() {
            reader.pause();
        }

        @Override
        public void resume() {
            reader.resume();
        }

        @Override
        public void rewind() {
            reader.rewind();
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
