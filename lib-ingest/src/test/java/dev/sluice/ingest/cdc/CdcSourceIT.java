package dev.sluice.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.codec.Codec;
import dev.sluice.api.codec.SingleObjectAvroCodec;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PostgresService;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import dev.sluice.testkit.TransformHarness;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
        try (Connection c = POSTGRES.get().connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String table() throws SQLException {
        String t = "orders_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE TABLE " + t + " (id int PRIMARY KEY, status text NOT NULL, amount numeric(10,2), placed timestamp(6))",
                "ALTER TABLE " + t + " REPLICA IDENTITY FULL", // updates and deletes carry the whole row before
                "INSERT INTO " + t + " VALUES (1, 'new', 10.50, '2026-11-24 08:00:00.000001'), (2, 'new', 20.00, NULL), (3, 'new', 30.25, NULL)");
        return t;
    }

    private static CdcSource source(String t) {
        PostgresService pg = POSTGRES.get();
        return CdcSource.postgres(t, pg.host(), pg.port(), pg.database(), pg.username(), pg.password(), List.of("public." + t),
                KafkaStateStore.Topic.of(KAFKA.get().bootstrapServers(), "sluice-cdc-state"));
    }

    private static SourceReader<GenericRecord> reader(CdcSource source) {
        return source.createReader(SourceContext.of(new FailureHandler("cdc-it", ErrorPolicies.all(TransformHarness.NO_WAIT_DEAD_LETTER),
                new CollectingDeadLetterSink(), PipelineListener.noop()), PipelineListener.noop()));
    }

    private static List<Envelope<GenericRecord>> read(SourceReader<GenericRecord> r, int n) {
        List<Envelope<GenericRecord>> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (got.size() < n && System.nanoTime() < deadline) {
            got.addAll(r.poll(Duration.ofMillis(200)));
        }
        got.addAll(r.poll(Duration.ofMillis(500)));
        return got;
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

    @Test
    void theStreamRuntimeTakesTheRowsIntoKafkaAndOnlyThenAdvancesTheOffsets() throws Exception {
        String t = table();
        String topic = "cdc-" + t;
        KAFKA.get().createTopic(topic, 1);
        CdcSource source = source(t).withValue(CdcSource.Value.AFTER);
        try (StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder("cdc-to-kafka", source)
                .to(KafkaSink.of(new RowCodec()).withBootstrapServers(KAFKA.get().bootstrapServers()).withTopic(topic))) {
            p.start();
            assertThat(Topics.read(KAFKA.get(), topic, 3, Duration.ofSeconds(60))).extracting(r -> new String(r.key()))
                    .containsExactly("1", "2", "3");
            assertThat(p.graph().inputs()).extracting(d -> d.name()).containsExactly(POSTGRES.get().database() + ".public." + t);
        } // close: the last batch is committed, so the engine has stored its offsets
        try (SourceReader<GenericRecord> r = reader(source)) {
            assertThat(read(r, 0)).as("offsets stored after Kafka acknowledged: nothing to read again").isEmpty();
        }
    }

    /** Encodes the rows with their own (Debezium-derived) schema, single-object style. */
    private static final class RowCodec implements Codec<GenericRecord> {
        @Override
        public byte[] encode(GenericRecord value) {
            return value == null ? null : SingleObjectAvroCodec.generic(value.getSchema()).encode(value);
        }

        @Override
        public GenericRecord decode(byte[] bytes) {
            throw new UnsupportedOperationException("the test reads keys only");
        }
    }
}
