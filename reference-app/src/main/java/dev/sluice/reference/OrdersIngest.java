package dev.sluice.reference;

import dev.sluice.api.codec.Codec;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.api.source.Source;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.ingest.cdc.CdcSource;
import dev.sluice.ingest.rest.Pagination;
import dev.sluice.ingest.rest.RestSource;
import dev.sluice.ingest.rest.Watermark;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.reference.model.Order;
import dev.sluice.stream.StreamPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The orders side of the seed pipeline: CDC from the orders database (Debezium, pgoutput) into
 * {@code orders-cdc}, and the orders API polled by a {@link RestSource} into {@code orders-api},
 * each a {@link StreamPipeline} of one worker (the same runtime as the clicks: a failing broker
 * pauses the source and reads again from its last commit), their progress in one state topic.
 * PostgreSQL (pgoutput) or SQL Server, by configuration.
 */
final class OrdersIngest implements AutoCloseable {

    static final String CDC = "orders-cdc";
    static final String API = "orders-api";
    static final String DLQ = "orders-dlq";

    private final AppKafkaClients kafka;
    private final Codec<GenericRecord> cdcCodec;
    private final Codec<GenericRecord> apiCodec;
    private final KafkaDeadLetterSink dlq;
    private final List<StreamPipeline<GenericRecord, GenericRecord>> pipelines = new ArrayList<>();

    /** The configured sources only: an API without a database runs the REST source alone, and the other way round. */
    OrdersIngest(AppKafkaClients kafka, SchemaRegistryClient registry, AppConfig.Orders orders, MeterRegistry meters) {
        this.kafka = kafka;
        this.cdcCodec = cdcCodec(registry);
        this.apiCodec = apiCodec(registry);
        this.dlq = kafka.deadLetters(DLQ, "orders");
        for (Stage stage : stages(kafka, orders, cdcCodec, apiCodec)) {
            pipelines.add(StreamPipeline.builder(stage.name(), stage.source()).deadLetters(dlq)
                    .listener(new MicrometerPipelineListener(meters, stage.name())).to(stage.sink()));
        }
    }

    /** A source and the topic it feeds: a pipeline when running, a graph for lineage. */
    private record Stage(String name, Source<GenericRecord> source, KafkaSink<GenericRecord> sink) {}

    private static List<Stage> stages(AppKafkaClients kafka, AppConfig.Orders orders, Codec<GenericRecord> cdcCodec, Codec<GenericRecord> apiCodec) {
        KafkaStateStore.Topic state = kafka.state("sluice-source-state");
        List<Stage> stages = new ArrayList<>();
        orders.db().ifPresent(db -> stages.add(new Stage(CDC, changes(db, state, kafka), kafka.sink(CDC, cdcCodec))));
        if (orders.api() != null) {
            RestSource listing = RestSource.of(API, orders.api(), "/items", new Pagination.Cursor("after", "/next"), Order.getClassSchema(), state)
                    .withQuery(Map.of("limit", "200"))
                    .withWatermark(Watermark.field("/version", "since", null))
                    .withPollInterval(Duration.ofMillis(500));
            if (orders.apiToken() != null) {
                listing = listing.withHeaders(Map.of("Authorization", "Bearer " + orders.apiToken().reveal()));
            }
            stages.add(new Stage(API, listing, kafka.sink(API, apiCodec)));
        }
        return stages;
    }

    /** The stages' graphs without starting anything (no Debezium engine, no polling): for the lineage role. */
    static List<PipelineGraph> graphs(AppKafkaClients kafka, SchemaRegistryClient registry, AppConfig.Orders orders) {
        try (KafkaDeadLetterSink dlq = kafka.deadLetters(DLQ, "orders")) {
            return stages(kafka, orders, cdcCodec(registry), apiCodec(registry)).stream()
                    .map(s -> StreamPipeline.graph(s.name(), s.source(), List.of(s.sink()), dlq)).toList();
        }
    }

    /** Change events in Confluent wire format, each envelope's schema (derived from the table by Debezium) in the registry. */
    static Codec<GenericRecord> cdcCodec(SchemaRegistryClient registry) {
        return ConfluentAvroCodec.generic(registry, CDC + "-value", null);
    }

    static Codec<GenericRecord> apiCodec(SchemaRegistryClient registry) {
        return ConfluentAvroCodec.generic(registry, API + "-value", Order.getClassSchema());
    }

    private static CdcSource changes(AppConfig.Database db, KafkaStateStore.Topic state, AppKafkaClients kafka) {
        String password = db.password().reveal();
        if (db.kind().equals("postgres")) {
            return CdcSource.postgres(CDC, db.host(), db.port(), db.name(), db.user(), password, db.tables(), state);
        }
        CdcSource source = CdcSource.sqlServer(CDC, db.host(), db.port(), db.name(), db.user(), password, db.tables(), state);
        // The connector's schema-history topic has clients of its own: they need the cluster's security settings too.
        for (Map.Entry<String, String> e : kafka.clientSettings().entrySet()) {
            source = source.withConnector("schema.history.internal.producer." + e.getKey(), e.getValue())
                    .withConnector("schema.history.internal.consumer." + e.getKey(), e.getValue());
        }
        return source;
    }

    void start() {
        pipelines.forEach(StreamPipeline::start);
    }

    /** True while every source's pipeline runs (one ends only on close, or when its source failed for good). */
    boolean isRunning() {
        return pipelines.stream().allMatch(StreamPipeline::isRunning);
    }

    /** Each order's status as the latest record of each topic has it. */
    record Statuses(Map<Long, String> viaCdc, Map<Long, String> viaApi) {}

    /**
     * Waits until both topics show every one of {@code orders} at its final status (shipped), or
     * {@code timeout}; returns what they hold then. Reads, a few times a second, only what each
     * topic gained since the last look (one consumer per topic kept open: {@link TopicTail}).
     */
    Statuses await(int orders, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (TopicTail cdc = kafka.tail(CDC); TopicTail api = kafka.tail(API)) {
            FinalStatus viaCdc = new FinalStatus(cdcCodec, true);
            FinalStatus viaApi = new FinalStatus(apiCodec, false);
            while (true) {
                viaCdc.add(cdc.readToEnd());
                viaApi.add(api.readToEnd());
                Statuses s = new Statuses(viaCdc.status(), viaApi.status());
                if (allShipped(s, orders) || System.nanoTime() > deadline) {
                    return new Statuses(Map.copyOf(s.viaCdc()), Map.copyOf(s.viaApi()));
                }
                Thread.sleep(250);
            }
        }
    }

    /** Whether both topics have every one of {@code orders} at its final status. */
    boolean allShipped(Statuses s, int orders) {
        return allShipped(s.viaCdc(), orders) && allShipped(s.viaApi(), orders);
    }

    /** Prints what each topic holds against the database; true if both have every order at its final status. */
    boolean summarize(Statuses s, int orders, long changes, PrintStream out) throws Exception {
        out.printf("  orders db           %,d orders, %,d changes (placed, paid, shipped) in PostgreSQL%n", orders, changes);
        out.printf("  %-19s %,d change events (snapshot, then each change); %,d orders at their final status (%s)%n", CDC, kafka.endOffsets(CDC),
                count(s.viaCdc()), allShipped(s.viaCdc(), orders) ? "= database" : "NO: differs from the database");
        out.printf("  %-19s %,d items; %,d orders at their final status (%s)%n", API, kafka.endOffsets(API), count(s.viaApi()),
                allShipped(s.viaApi(), orders) ? "= database" : "NO: differs from the database");
        return allShipped(s, orders);
    }

    /** Order id -> status of its latest record (per-key order holds within a partition). */
    static Map<Long, String> finalStatus(List<ConsumerRecord<byte[], byte[]>> records, Codec<GenericRecord> codec, boolean envelope) {
        FinalStatus status = new FinalStatus(codec, envelope);
        status.add(records);
        return status.status();
    }

    /** Each order's status as its latest record so far has it, records added as they are read. */
    private static final class FinalStatus {
        private final Codec<GenericRecord> codec;
        private final boolean envelope;
        private final Map<Long, Long> version = new HashMap<>();
        private final Map<Long, String> status = new HashMap<>();

        FinalStatus(Codec<GenericRecord> codec, boolean envelope) {
            this.codec = codec;
            this.envelope = envelope;
        }

        void add(List<ConsumerRecord<byte[], byte[]>> records) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                GenericRecord v = envelope ? (GenericRecord) codec.decode(r.value()).get("after") : codec.decode(r.value());
                if (v == null) {
                    continue;
                }
                long id = ((Number) v.get("id")).longValue();
                long seq = envelope ? r.offset() : (Long) v.get("version");
                if (seq >= version.getOrDefault(id, Long.MIN_VALUE)) {
                    version.put(id, seq);
                    status.put(id, v.get("status").toString());
                }
            }
        }

        Map<Long, String> status() {
            return status;
        }
    }

    private static boolean allShipped(Map<Long, String> status, int orders) {
        return status.size() == orders && status.values().stream().allMatch("shipped"::equals);
    }

    private static long count(Map<Long, String> status) {
        return status.values().stream().filter("shipped"::equals).count();
    }

    @Override
    public void close() {
        pipelines.forEach(StreamPipeline::close);
        dlq.close();
    }
}
