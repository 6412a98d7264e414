package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streaming SQL on Spark local over the in-JVM broker and registry: a per-minute windowed TABLE
 * and a filtering STREAM over 200,000 clicks spread over 30 minutes of event time, 2% of them
 * later than the watermark, the queries stopped mid-stream and restarted from their checkpoints.
 * The TABLE's compacted view equals a count made here from the input; the late rows are absent
 * from the windows and reported (as Spark counts them: after partial aggregation).
 */
class StreamingSqlIT {

    @RegisterExtension
    static final ServiceExtension<SparkLake> LAKE = ServiceExtension.of("spark-lake", SparkLake::start);
    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    static final Schema CLICK = SchemaBuilder.record("Click").namespace("dev.sluice.test").fields()
            .requiredString("eventId").requiredString("pageCategory").requiredString("country").requiredLong("durationMs")
            .name("timestamp").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .endRecord();
    static final String SCRIPT = """
            -- per-minute views, as the reference pipeline's dashboards chart them
            CREATE TABLE clicks_per_minute WITH (topic = 'sql-clicks-per-minute') AS
              SELECT window(timestamp, '1 minute') AS w, pageCategory, country, count(*) AS views, sum(durationMs) AS duration_ms
              FROM clicks
              GROUP BY window(timestamp, '1 minute'), pageCategory, country;

            /* the slow page views, appended */
            CREATE STREAM slow_views WITH (topic = 'sql-slow-views') AS
              SELECT eventId, pageCategory, durationMs FROM clicks WHERE durationMs >= 9000;
            """;
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final String[] CATEGORIES = {"products", "cart", "checkout", "search", "home"};
    static final String[] COUNTRIES = {"FR", "DE", "US", "JP"};

    @Test
    void windowsEqualAnIndependentCountAcrossARestartAndLateRowsAreCountedAndLeftOut() throws Exception {
        KafkaService kafka = KAFKA.get();
        kafka.createTopic("sql-clicks", 2);
        kafka.createTopic("sql-clicks-dlq", 1);
        var registry = REGISTRY.get().client();
        ConfluentAvroCodec<GenericRecord> in = ConfluentAvroCodec.generic(registry, "sql-clicks-value", CLICK);
        AtomicLong reported = new AtomicLong();
        StreamingSql job = StreamingSql.of("sql-it", kafka.bootstrapServers(),
                        List.of(SqlStream.of("clicks", "sql-clicks", in, CLICK).withEventTime("timestamp", Duration.ofMinutes(1))),
                        SqlScript.parse("clicks.sql", SCRIPT), (topic, schema) -> ConfluentAvroCodec.generic(registry, topic + "-value", schema),
                        "s3a://lake/checkpoints/sql-it", "sql-clicks-dlq")
                .withMaxOffsetsPerTrigger(20_000)
                .withListener(new PipelineListener() {
                    @Override
                    public void onLateRecords(String component, long count) {
                        reported.addAndGet(count);
                    }
                });
        SparkSession spark = LAKE.get().spark;
        Clicks clicks = new Clicks(new Random(7), in);

        // First half of the event time, drained: the watermark is then 14 minutes past T0, less the minute of lateness.
        Topics.produce(kafka, clicks.onTime(100_000, 0, 15));
        StreamingSqlRun first = job.start(spark, Trigger.ProcessingTime("100 milliseconds"));
        first.processAllAvailable();
        // Second half, with 4,000 rows (2% of all) from the first ten minutes: behind the watermark.
        List<ProducerRecord<byte[], byte[]>> second = clicks.onTime(100_000, 15, 30);
        List<ProducerRecord<byte[], byte[]>> late = clicks.late(4_000, 0, 10);
        for (int i = 0; i < late.size(); i++) {
            second.add(i * 25, late.get(i));
        }
        Topics.produce(kafka, second);
        waitForBatches(first.query("clicks_per_minute"), 2);
        first.stop(); // mid-stream: 20,000 records a micro-batch and partition
        long lateBeforeStop = first.lateRows("clicks_per_minute");

        StreamingSqlRun restarted = job.start(spark, Trigger.ProcessingTime("100 milliseconds"));
        restarted.processAllAvailable();
        long lateAfterRestart = restarted.lateRows("clicks_per_minute");
        restarted.stop();

        ConfluentAvroCodec<GenericRecord> out = ConfluentAvroCodec.generic(registry, "sql-clicks-per-minute-value", null);
        Map<String, long[]> view = new HashMap<>(); // the compacted view: the latest value per key
        for (ConsumerRecord<byte[], byte[]> r : Topics.read(kafka, "sql-clicks-per-minute", clicks.windows.size(), Duration.ofSeconds(60))) {
            GenericRecord v = out.decode(r.value());
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(key).isEqualTo("[\"" + Instant.ofEpochMilli((Long) v.get("w_start")) + "\",\"" + v.get("pageCategory") + "\",\""
                    + v.get("country") + "\"]");
            view.put(key, new long[] {(Long) v.get("views"), (Long) v.get("duration_ms")});
        }
        assertThat(view.keySet()).isEqualTo(clicks.windows.keySet());
        clicks.windows.forEach((key, expected) -> assertThat(view.get(key)).as(key).containsExactly(expected));
        assertThat(view.values().stream().mapToLong(v -> v[0]).sum()).isEqualTo(200_000);
        // Spark counts late rows after its partial aggregation: one per late window and key in each task, not one per row.
        assertThat(lateBeforeStop + lateAfterRestart).isBetween(clicks.lateGroups(), 4_000L);
        assertThat(reported.get()).isEqualTo(lateBeforeStop + lateAfterRestart);

        Set<String> slow = new HashSet<>();
        ConfluentAvroCodec<GenericRecord> slowCodec = ConfluentAvroCodec.generic(registry, "sql-slow-views-value", null);
        for (ConsumerRecord<byte[], byte[]> r : Topics.read(kafka, "sql-slow-views", clicks.slow.size(), Duration.ofSeconds(60))) {
            slow.add(slowCodec.decode(r.value()).get("eventId").toString());
        }
        assertThat(slow).isEqualTo(clicks.slow); // a STREAM has no watermark: the late rows are in it too

        // What a serving table is derived from: each statement's topic, record and key, the values' schema the one registered.
        List<SqlOutput> outputs = job.plan(spark);
        assertThat(outputs).extracting(SqlOutput::statement, SqlOutput::kind, SqlOutput::topic, SqlOutput::keyColumns).containsExactly(
                tuple("clicks_per_minute", SqlStatement.Kind.TABLE, "sql-clicks-per-minute", List.of("w_start", "pageCategory", "country")),
                tuple("slow_views", SqlStatement.Kind.STREAM, "sql-slow-views", List.of()));
        assertThat(outputs.get(0).schema().getFields()).extracting(Schema.Field::name)
                .containsExactly("w_start", "w_end", "pageCategory", "country", "views", "duration_ms");
    }

    @Test
    void aStatementThatCannotRunIsNamedBeforeAnyQueryStarts() {
        KafkaService kafka = KAFKA.get();
        kafka.createTopic("sql-bad", 1);
        var registry = REGISTRY.get().client();
        SqlScript script = SqlScript.parse("bad.sql", """
                CREATE STREAM fine AS SELECT eventId FROM clicks;
                CREATE TABLE per_page AS
                  SELECT page, count(*) AS views FROM clicks GROUP BY page;
                """);
        StreamingSql job = StreamingSql.of("sql-bad", kafka.bootstrapServers(),
                List.of(SqlStream.of("clicks", "sql-bad", ConfluentAvroCodec.generic(registry, "sql-bad-value", CLICK), CLICK)), script,
                (topic, schema) -> ConfluentAvroCodec.generic(registry, topic + "-value", schema), "s3a://lake/checkpoints/sql-bad", "sql-bad-dlq");
        SparkSession spark = LAKE.get().spark;
        assertThatThrownBy(() -> job.start(spark, Trigger.ProcessingTime("1 second")))
                .isInstanceOf(SqlScriptException.class)
                .hasMessageStartingWith("bad.sql statement 2 (line 3, column 3) (TABLE per_page): ")
                .hasMessageContaining("page")
                .hasMessageContaining("line 3 of the script");
        assertThat(spark.streams().active()).noneMatch(q -> String.valueOf(q.name()).startsWith("sql-bad."));

        SqlScript notATable = SqlScript.parse("bad.sql", "CREATE TABLE t AS SELECT eventId FROM clicks");
        assertThatThrownBy(() -> new StreamingSql("sql-bad", kafka.bootstrapServers(), job.streams(), notATable, job.outputCodecs(),
                job.checkpoints(), job.deadLetterTopic(), job.policies(), 0, PipelineListener.noop(), java.util.Map.of()).plan(spark))
                .hasMessage("bad.sql statement 1 (line 1, column 19) (TABLE t): a TABLE is an aggregation (GROUP BY); a query without one is a STREAM: write CREATE STREAM");
    }

    @Test
    void theLineageHasAJobPerStatementFromTheTopicsItReadsThroughEarlierStreams() {
        KafkaService kafka = KAFKA.get();
        kafka.createTopic("sql-lineage-clicks", 1);
        kafka.createTopic("sql-lineage-orders", 1);
        var registry = REGISTRY.get().client();
        SqlScript script = SqlScript.parse("lineage.sql", """
                CREATE STREAM slow WITH (topic = 'sql-lineage-slow') AS SELECT * FROM clicks WHERE durationMs >= 9000;
                CREATE TABLE slow_per_page WITH (topic = 'sql-lineage-slow-per-page') AS
                  SELECT s.pageCategory, count(*) AS views FROM slow s GROUP BY s.pageCategory;
                """);
        StreamingSql job = StreamingSql.of("sql-lineage", kafka.bootstrapServers(),
                List.of(SqlStream.of("clicks", "sql-lineage-clicks", ConfluentAvroCodec.generic(registry, "sql-lineage-clicks-value", CLICK), CLICK),
                        SqlStream.of("orders", "sql-lineage-orders", ConfluentAvroCodec.generic(registry, "sql-lineage-orders-value", CLICK), CLICK)),
                script, (topic, schema) -> ConfluentAvroCodec.generic(registry, topic + "-value", schema), "s3a://lake/checkpoints/sql-lineage",
                "sql-lineage-dlq");

        PipelineGraph graph = job.graph(LAKE.get().spark);

        assertThat(graph.name()).isEqualTo("sql-lineage");
        assertThat(graph.inputs()).extracting(LineageDataset::name).containsExactly("sql-lineage-clicks"); // orders: no statement reads it
        assertThat(graph.outputs()).extracting(LineageDataset::name).containsExactly("sql-lineage-slow", "sql-lineage-slow-per-page", "sql-lineage-dlq");
        assertThat(graph.edges()).extracting(e -> e.input().name(), e -> e.output().name(), PipelineGraph.Edge::job).containsExactly(
                tuple("sql-lineage-clicks", "sql-lineage-slow", "slow"),
                tuple("sql-lineage-clicks", "sql-lineage-slow-per-page", "slow_per_page"), // through the STREAM's view, not its topic
                tuple("sql-lineage-clicks", "sql-lineage-dlq", "clicks decode"));
        assertThat(graph.outputs().get(1).schemaIfKnown()).map(o -> o.getFields().stream().map(Schema.Field::name).toList())
                .contains(List.of("pageCategory", "views"));
    }

    private static void waitForBatches(org.apache.spark.sql.streaming.StreamingQuery q, long batches) throws InterruptedException {
        long start = q.lastProgress() == null ? -1 : q.lastProgress().batchId();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while ((q.lastProgress() == null || q.lastProgress().batchId() < start + batches) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Generated clicks and the counts expected of them, made here without Spark. */
    private static final class Clicks {
        final Map<String, long[]> windows = new HashMap<>();
        final Set<String> slow = new HashSet<>();
        final Set<String> late = new HashSet<>();
        private final Random random;
        private final ConfluentAvroCodec<GenericRecord> codec;
        private long next;

        Clicks(Random random, ConfluentAvroCodec<GenericRecord> codec) {
            this.random = random;
            this.codec = codec;
        }

        /** {@code n} clicks from minute {@code from} to {@code to}, in event-time order give or take 20 s (within the lateness). */
        List<ProducerRecord<byte[], byte[]>> onTime(int n, int from, int to) {
            List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
            long span = Duration.ofMinutes(to - from).toMillis();
            for (int i = 0; i < n; i++) {
                long at = T0.toEpochMilli() + Duration.ofMinutes(from).toMillis() + span * i / n;
                at = Math.max(T0.toEpochMilli() + Duration.ofMinutes(from).toMillis(), at - random.nextInt(20_000));
                out.add(record(at, true));
            }
            return out;
        }

        /** {@code n} clicks from minutes {@code from} to {@code to}: behind the watermark once the first half is read. */
        List<ProducerRecord<byte[], byte[]>> late(int n, int from, int to) {
            List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long at = T0.toEpochMilli() + Duration.ofMinutes(from).toMillis() + (long) (random.nextDouble() * Duration.ofMinutes(to - from).toMillis());
                out.add(record(at, false));
            }
            return out;
        }

        /** The windows and keys the late rows fall in: the fewest late rows Spark can count. */
        long lateGroups() {
            return late.size();
        }

        private ProducerRecord<byte[], byte[]> record(long at, boolean counted) {
            String id = "e-" + next++;
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            long duration = random.nextInt(10_000);
            GenericRecord c = new GenericData.Record(CLICK);
            c.put("eventId", id);
            c.put("pageCategory", category);
            c.put("country", country);
            c.put("durationMs", duration);
            c.put("timestamp", at);
            String key = "[\"" + Instant.ofEpochMilli(at - Math.floorMod(at, 60_000)) + "\",\"" + category + "\",\"" + country + "\"]";
            if (!counted) {
                late.add(key);
            } else {
                long[] w = windows.computeIfAbsent(key, k -> new long[2]);
                w[0]++;
                w[1] += duration;
            }
            if (duration >= 9000) {
                slow.add(id);
            }
            return new ProducerRecord<>("sql-clicks", id.getBytes(StandardCharsets.UTF_8), codec.encode(c));
        }
    }
}
