package dev.sluice.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.source.SourceReader;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PostgresService;
import dev.sluice.testkit.ServiceExtension;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CDC source on embedded PostgreSQL (pgoutput): snapshot, inserts, updates and deletes in order with before and after, restarts. */
class CdcSourceIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<PostgresService> POSTGRES = ServiceExtension.postgres();

    private static void sql(String... statements) throws SQLException {
        CdcFixtures.sql(POSTGRES.get(), statements);
    }

    private static String table() throws SQLException {
        return CdcFixtures.ordersTable(POSTGRES.get());
    }

    private static CdcSource source(String t) {
        return CdcFixtures.source(POSTGRES.get(), KAFKA.get(), t);
    }

    private static SourceReader<GenericRecord> reader(CdcSource source) {
        return CdcFixtures.reader(source);
    }

    private static List<Envelope<GenericRecord>> read(SourceReader<GenericRecord> r, int n) {
        return CdcFixtures.read(r, n);
    }

    /** {@code op:id:statusBefore>statusAfter}, e.g. {@code u:2:new>paid}. */
    private static List<String> changes(List<Envelope<GenericRecord>> got) {
        return got.stream().map(e -> RowChange.of(e.value())).map(c -> c.op().name().substring(0, 1).toLowerCase() + ":"
                + (c.after() != null ? c.after() : c.before()).get("id") + ":" + (c.before() == null ? "" : c.before().get("status")) + ">"
                + (c.after() == null ? "" : c.after().get("status"))).toList();
    }

    @Test
    void snapshotThenInsertsUpdatesAndDeletesInOrderAndARestartResumesWithoutLossOrRepeat() throws Exception {
        String t = table();
        CdcSource source = source(t);
        try (SourceReader<GenericRecord> r = reader(source)) {
            List<Envelope<GenericRecord>> snapshot = read(r, 3);
            assertThat(changes(snapshot)).containsExactly("r:1:>new", "r:2:>new", "r:3:>new");
            GenericRecord first = RowChange.of(snapshot.get(0).value()).after();
            Schema amount = first.getSchema().getField("amount").schema().getTypes().get(1);
            assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) first.get("amount"), amount, LogicalTypes.decimal(10, 2)))
                    .isEqualByComparingTo(new BigDecimal("10.50"));
            assertThat(first.get("placed")).isEqualTo(1_795_507_200_000_001L); // timestamp(6) as timestamp-micros
            assertThat(new String(snapshot.get(0).key())).isEqualTo("1");

            sql("INSERT INTO " + t + " VALUES (4, 'new', 40, NULL)", "UPDATE " + t + " SET status = 'paid' WHERE id = 2",
                    "DELETE FROM " + t + " WHERE id = 3");
            List<Envelope<GenericRecord>> live = read(r, 3);
            assertThat(changes(live)).containsExactly("c:4:>new", "u:2:new>paid", "d:3:new>");
            assertThat(RowChange.of(live.get(1).value()).table()).isEqualTo(t);
            assertThat(live.get(1).headers().lastString("sluice.cdc.op")).contains("u");
            List<Envelope<GenericRecord>> all = new ArrayList<>(snapshot);
            all.addAll(live);
            r.commit(all.stream().map(Envelope::position).toList());
        }
        sql("INSERT INTO " + t + " VALUES (5, 'new', 50, NULL)", "UPDATE " + t + " SET status = 'shipped' WHERE id = 4");
        try (SourceReader<GenericRecord> r = reader(source)) {
            List<Envelope<GenericRecord>> after = read(r, 2);
            assertThat(changes(after)).containsExactly("c:5:>new", "u:4:new>shipped"); // no second snapshot, nothing lost while down
            r.commit(List.of(after.get(0).position())); // the update is not committed: it must come again
        }
        try (SourceReader<GenericRecord> r = reader(source)) {
            assertThat(changes(read(r, 1))).containsExactly("u:4:new>shipped");
        }
    }
}
