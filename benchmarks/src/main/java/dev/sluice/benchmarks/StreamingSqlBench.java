package dev.sluice.benchmarks;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.window;

import dev.sluice.batch.SqlScript;
import dev.sluice.batch.SqlStream;
import dev.sluice.batch.StreamingSql;
import dev.sluice.batch.StreamingSqlRun;
import dev.sluice.embedded.KafkaService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.testkit.Services;
import dev.sluice.testkit.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.avro.functions;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The per-minute windowed count of the reference pipeline over one Kafka topic of Confluent-framed
 * Avro clicks, two ways in one Spark session (local[2]) and one in-JVM broker: Sluice's
 * {@link StreamingSql} running the statement, and the same query written by hand as a plain
 * Structured Streaming job ({@code from_avro} past the 5-byte header, {@code withWatermark},
 * {@code groupBy(window, ...)}, {@code to_avro} into Spark's Kafka sink, update mode, the same key
 * text). Each round reads the whole topic with {@code Trigger.AvailableNow} from a fresh checkpoint
 * into its own output topic; events/s of input, median of the rounds after a warm-up, the two
 * alternating first. Both outputs' latest views per key must sum to the input.
 */
final class StreamingSqlBench {

    static final Schema CLICK = SchemaBuilder.record("Click").namespace("dev.sluice.benchmarks.sql").fields()
            .requiredString("eventId").requiredString("pageCategory").requiredString("country").requiredLong("durationMs")
            .name("timestamp").type(millis()).noDefault().endRecord();
    private static final String SELECT = "SELECT window(timestamp, '1 minute') AS w, pageCategory, country, count(*) AS views,"
            + " sum(durationMs) AS duration_ms FROM clicks GROUP BY window(timestamp, '1 minute'), pageCategory, country";
    private static final String[] CATEGORIES = {"products", "cart", "checkout", "search", "home"};
    private static final String[] COUNTRIES = {"FR", "DE", "US", "JP", "IN", "BR"};
    private static final String IN = "bench-sql-clicks";

    private StreamingSqlBench() {}

    static void run(long records, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("bench-streaming-sql");
        FixedRegistry registry = new FixedRegistry();
        ConfluentAvroCodec<GenericRecord> codec = ConfluentAvroCodec.generic(registry, IN + "-value", CLICK);
        try (KafkaService kafka = Services.kafka()) {
            kafka.createTopic(IN, 2);
            produce(kafka, codec, records);
            SparkSession spark = SparkSession.builder().master("local[2]").appName("streaming-sql").config("spark.ui.enabled", "false")
                    .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "4").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            try {
                List<Double> sluice = new ArrayList<>();
                List<Double> peer = new ArrayList<>();
                for (int round = 0; round <= rounds; round++) {
                    String sluiceOut = "bench-sql-sluice-" + round;
                    String peerOut = "bench-sql-peer-" + round;
                    kafka.createTopic(sluiceOut, 2);
                    kafka.createTopic(peerOut, 2);
                    String checkpoints = dir.resolve("round-" + round).toUri().toString();
                    double s;
                    double p;
                    if (round % 2 == 0) {
                        s = Results.seconds(() -> runSluice(spark, kafka, registry, codec, sluiceOut, checkpoints + "/sluice"));
                        p = Results.seconds(() -> runPeer(spark, kafka, registry, codec, peerOut, checkpoints + "/peer"));
                    } else {
                        p = Results.seconds(() -> runPeer(spark, kafka, registry, codec, peerOut, checkpoints + "/peer"));
                        s = Results.seconds(() -> runSluice(spark, kafka, registry, codec, sluiceOut, checkpoints + "/sluice"));
                    }
                    long sluiceViews = latestViews(spark, kafka, registry, sluiceOut);
                    long peerViews = latestViews(spark, kafka, registry, peerOut);
                    if (sluiceViews != records || peerViews != records) {
                        throw new IllegalStateException("round " + round + ": the latest views per key sum to " + sluiceViews
                                + " (Sluice) and " + peerViews + " (hand-written), not " + records);
                    }
                    System.out.printf("streaming-sql round %d%s: %,d events: Sluice StreamingSql %.2f s (%,.0f events/s), hand-written "
                            + "Structured Streaming %.2f s (%,.0f events/s); both outputs' latest views sum to the input%n",
                            round, round == 0 ? " (warm-up)" : "", records, s, records / s, p, records / p);
                    if (round > 0) {
                        sluice.add(records / s);
                        peer.add(records / p);
                    }
                }
                Results.print("streaming-sql", Results.median(sluice), Results.median(peer));
            } finally {
                spark.stop();
            }
        }
    }

    private static void produce(KafkaService kafka, ConfluentAvroCodec<GenericRecord> codec, long records) {
        long t0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
        long span = Duration.ofMinutes(30).toMillis();
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (long i = 0; i < records; i++) {
            GenericRecord c = new GenericData.Record(CLICK);
            c.put("eventId", "e-" + i);
            c.put("pageCategory", CATEGORIES[(int) (i % CATEGORIES.length)]);
            c.put("country", COUNTRIES[(int) (i / 7 % COUNTRIES.length)]);
            c.put("durationMs", i % 10_000);
            c.put("timestamp", t0 + i * span / records); // in order: no row is late
            batch.add(new ProducerRecord<>(IN, codec.encode(c)));
            if (batch.size() == 50_000) {
                Topics.produce(kafka, batch);
                batch.clear();
            }
        }
        Topics.produce(kafka, batch);
    }

    private static void runSluice(SparkSession spark, KafkaService kafka, FixedRegistry registry, ConfluentAvroCodec<GenericRecord> codec,
                                  String out, String checkpoints) {
        StreamingSql job = StreamingSql.of("bench-sql", kafka.bootstrapServers(),
                List.of(SqlStream.of("clicks", IN, codec, CLICK).withEventTime("timestamp", Duration.ofMinutes(1))),
                SqlScript.parse("bench.sql", "CREATE TABLE per_minute WITH (topic = '" + out + "') AS " + SELECT),
                (topic, schema) -> {
                    // The in-memory registry travels to the tasks as a copy: its ids are assigned here, on the driver, where
                    // the query asks for the output's codec before it starts (a real registry assigns them on first use).
                    registry.register(topic + "-value", schema);
                    return ConfluentAvroCodec.generic(registry, topic + "-value", schema);
                }, checkpoints, "bench-sql-dlq");
        try (StreamingSqlRun run = job.start(spark, Trigger.AvailableNow())) {
            run.query("per_minute").awaitTermination();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same query by hand: what a Spark user writes without Sluice. */
    private static void runPeer(SparkSession spark, KafkaService kafka, FixedRegistry registry, ConfluentAvroCodec<GenericRecord> codec,
                                String out, String checkpoint) {
        Dataset<Row> counts = spark.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("subscribe", IN).option("startingOffsets", "earliest").option("failOnDataLoss", "true").load()
                .select(functions.from_avro(expr("substring(value, 6, length(value) - 5)"), CLICK.toString()).as("c")).select("c.*")
                .withWatermark("timestamp", "1 minute")
                .groupBy(window(col("timestamp"), "1 minute").as("w"), col("pageCategory"), col("country"))
                .agg(count("*").as("views"), sum("durationMs").as("duration_ms"));
        // Every field nullable, as Spark types the columns (a sum, a window's bounds may be null).
        Schema outSchema = SchemaBuilder.record("per_minute").namespace("dev.sluice.benchmarks.sql").fields()
                .name("w_start").type(nullable(millis())).withDefault(null).name("w_end").type(nullable(millis())).withDefault(null)
                .optionalString("pageCategory").optionalString("country").optionalLong("views").optionalLong("duration_ms").endRecord();
        byte[] header = ByteBuffer.allocate(5).put((byte) 0).putInt(registry.register(out + "-value", outSchema)).array();
        try {
            counts.select(
                            to_json(array(date_format(col("w.start"), "yyyy-MM-dd'T'HH:mm:ss'Z'"), col("pageCategory"), col("country"))).as("key"),
                            concat(lit(header), functions.to_avro(struct(col("w.start").as("w_start"), col("w.end").as("w_end"), col("pageCategory"),
                                    col("country"), col("views"), col("duration_ms")), outSchema.toString())).as("value"))
                    .writeStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("topic", out)
                    .option("checkpointLocation", checkpoint).outputMode("update").trigger(Trigger.AvailableNow()).start().awaitTermination();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The output topic read compacted: the sum of each key's latest views (decoded by the writer's schema, which the header names). */
    private static long latestViews(SparkSession spark, KafkaService kafka, FixedRegistry registry, String topic) {
        ConfluentAvroCodec<GenericRecord> decode = ConfluentAvroCodec.generic(registry, topic + "-value", null);
        Map<String, Long> latest = new HashMap<>();
        for (Row r : spark.read().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers()).option("subscribe", topic)
                .option("startingOffsets", "earliest").load().select("key", "value").collectAsList()) {
            latest.put(new String((byte[]) r.get(0), StandardCharsets.UTF_8), (Long) decode.decode((byte[]) r.get(1)).get("views"));
        }
        return latest.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Schema millis() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static Schema nullable(Schema s) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
    }
}
