package dev.sluice.catalog.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.codec.AvroCodec;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PinotCluster;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Pinot 0.11 (child JVM) and real Kafka: tables Sluice derives from an Avro schema, fed by a
 * topic (REALTIME) and by pushed files (OFFLINE), answer counts and group-by sums that match the input.
 */
class PinotTablesIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<PinotCluster> PINOT = ServiceExtension.pinot();

    static final int RECORDS = 20_000;

    @Test
    void recordsOnATopicAreQueryableInARealtimeTable() throws Exception {
        String pinotTopic = "clicks-pinot";
        KAFKA.get().createTopic(pinotTopic, 2);
        String bootstrap = KAFKA.get().bootstrapServers();
        AvroCodec<GenericRecord> codec = AvroCodec.generic(Clicks.SCHEMA);
        List<GenericRecord> clicks = Clicks.make(RECORDS, 7, Instant.now().minus(1, ChronoUnit.HOURS));

        PinotAdmin admin = new PinotAdmin(PINOT.get().controllerUrl());
        PinotTableSpec spec = PinotTableSpec.of("clicks_rt", Clicks.SCHEMA, "ts").withMetrics("durationMs");
        admin.putRealtimeTable(spec, PinotStream.avro(pinotTopic, bootstrap).withFlushRows(5_000));
        admin.putRealtimeTable(spec, PinotStream.avro(pinotTopic, bootstrap).withFlushRows(5_000)); // idempotent
        // A stream pipeline writing such a topic is the reference app's (RolesIT): here the topic is produced directly,
        // so that this module's tests do not wait for lib-stream's.
        Topics.produceValues(KAFKA.get(), pinotTopic, clicks.stream().map(codec::encode).toList());

        PinotQuery broker = new PinotQuery(PINOT.get().brokerUrl());
        awaitCount(broker, "clicks_rt", RECORDS);
        assertThat(sumsByCountry(broker, "clicks_rt")).isEqualTo(Clicks.sums(clicks, c -> c));
    }

    @Test
    void aPushedBatchOutputIsQueryableInAnOfflineTableAndARepushReplacesIt(@TempDir Path dir) throws Exception {
        PinotAdmin admin = new PinotAdmin(PINOT.get().controllerUrl());
        admin.putOfflineTable(PinotTableSpec.of("clicks_daily", Clicks.SCHEMA, "ts").withMetrics("durationMs"));
        Instant day = Instant.parse("2026-11-23T00:00:00Z");
        List<GenericRecord> part0 = Clicks.make(3_000, 1, day);
        List<GenericRecord> part1 = Clicks.make(2_000, 2, day.plusSeconds(3_600));
        List<Path> files = List.of(avroFile(dir.resolve("part-0.avro"), part0), avroFile(dir.resolve("part-1.avro"), part1));

        SegmentPush push = new SegmentPush(admin);
        assertThat(push.push("clicks_daily", "2026-11-23", files, "avro"))
                .containsExactly("clicks_daily_2026-11-23_0", "clicks_daily_2026-11-23_1");
        PinotQuery broker = new PinotQuery(PINOT.get().brokerUrl());
        awaitCount(broker, "clicks_daily", 5_000);
        Map<String, Long> expected = new TreeMap<>(Clicks.sums(part0, c -> c));
        Clicks.sums(part1, c -> c).forEach((k, v) -> expected.merge(k, v, Long::sum));
        assertThat(sumsByCountry(broker, "clicks_daily")).isEqualTo(expected);

        push.push("clicks_daily", "2026-11-23", files, "avro");
        assertThat(admin.segments("clicks_daily")).containsExactlyInAnyOrder("clicks_daily_2026-11-23_0", "clicks_daily_2026-11-23_1");
        assertThat(broker.single("SELECT COUNT(*) FROM clicks_daily")).isEqualTo(5_000);
    }

    @Test
    void anUpsertTableOverAChangelogAnswersOneRowPerKeyWithItsLatestValue() throws Exception {
        Schema schema = SchemaBuilder.record("PageMinute").fields()
                .name("w_start").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .requiredString("page").requiredLong("views").endRecord();
        String topic = "page-minutes";
        KAFKA.get().createTopic(topic, 2);
        AvroCodec<GenericRecord> codec = AvroCodec.generic(schema);
        long minute = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        int keys = 300;
        int versions = 4;
        List<ProducerRecord<byte[], byte[]>> changelog = new ArrayList<>();
        long latestViews = 0;
        for (int v = 1; v <= versions; v++) { // every key updated four times, each version counting more views
            for (int k = 0; k < keys; k++) {
                GenericRecord r = new GenericData.Record(schema);
                long start = minute + (k % 30) * 60_000L;
                String page = "page-" + (k / 30);
                r.put("w_start", start);
                r.put("page", page);
                r.put("views", (long) v * (k + 1));
                byte[] key = ("[" + start + ",\"" + page + "\"]").getBytes(StandardCharsets.UTF_8);
                changelog.add(new ProducerRecord<>(topic, key, codec.encode(r)));
                latestViews += v == versions ? (long) v * (k + 1) : 0;
            }
        }
        PinotAdmin admin = new PinotAdmin(PINOT.get().controllerUrl());
        admin.putRealtimeTable(PinotTableSpec.of("page_minutes", schema, "w_start").withMetrics("views").withUpsert(List.of("w_start", "page")),
                PinotStream.avro(topic, KAFKA.get().bootstrapServers()).withFlushRows(500)); // segments commit mid-changelog
        Topics.produce(KAFKA.get(), changelog);

        PinotQuery broker = new PinotQuery(PINOT.get().brokerUrl());
        long total = latestViews;
        List<List<JsonNode>> views = broker.await("SELECT SUM(views) FROM page_minutes", r -> r.get(0).get(0).asLong() == total,
                Duration.ofSeconds(120));
        assertThat(views).as("the table answered").isNotEmpty();
        assertThat(views.get(0).get(0).asLong()).as("the latest views of every key").isEqualTo(total);
        assertThat(broker.single("SELECT COUNT(*) FROM page_minutes")).isEqualTo(keys);
        assertThat(broker.single("SELECT COUNT(*) FROM page_minutes WHERE page = 'page-3'")).isEqualTo(30);
    }

    @Test
    void theControllersRefusalComesBackWithItsMessage() {
        PinotAdmin admin = new PinotAdmin(PINOT.get().controllerUrl());
        PinotTableSpec spec = PinotTableSpec.of("refused", Clicks.SCHEMA, "ts");
        admin.putSchema(PinotSchemas.of(spec));
        ObjectNode config = PinotTableConfigs.offline(spec);
        ((ObjectNode) config.get("segmentsConfig")).put("timeColumnName", "noSuchColumn");
        assertThatThrownBy(() -> admin.putTable(config))
                .isInstanceOf(PinotException.class)
                .hasMessageContaining("POST /tables")
                .hasMessageContaining("noSuchColumn")
                .satisfies(e -> assertThat(((PinotException) e).status()).isEqualTo(400));
    }

    private static Path avroFile(Path file, List<GenericRecord> records) throws IOException {
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(Clicks.SCHEMA))) {
            w.create(Clicks.SCHEMA, Files.newOutputStream(file));
            for (GenericRecord r : records) {
                w.append(r);
            }
        }
        return file;
    }

    private static Map<String, Long> sumsByCountry(PinotQuery broker, String table) {
        Map<String, Long> sums = new TreeMap<>();
        for (List<JsonNode> row : broker.rows("SELECT country, SUM(durationMs) FROM " + table + " GROUP BY country LIMIT 100")) {
            sums.put(row.get(0).asText(), row.get(1).asLong());
        }
        return sums;
    }

    private static void awaitCount(PinotQuery broker, String table, long expected) throws InterruptedException {
        assertThat(broker.awaitCount(table, expected, Duration.ofSeconds(120))).as("rows in " + table).isEqualTo(expected);
    }
}
