package dev.sluice.reference;

import dev.sluice.core.BasicPipeline;
import dev.sluice.core.Transform;
import dev.sluice.core.codec.SingleObjectAvroCodec;
import dev.sluice.core.error.ErrorPolicies;
import dev.sluice.core.graph.PipelineGraph;
import dev.sluice.core.kafka.KafkaDeadLetterSink;
import dev.sluice.core.kafka.KafkaSink;
import dev.sluice.core.metrics.PipelineListener;
import dev.sluice.ingest.cdc.CdcSource;
import dev.sluice.ingest.rest.Pagination;
import dev.sluice.ingest.rest.RestSource;
import dev.sluice.ingest.rest.Watermark;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.reference.model.Order;
import dev.sluice.testkit.PostgresService;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The orders side of the seed pipeline: CDC from the orders database (Debezium, pgoutput) into
 * {@code orders-cdc}, and the orders API polled by a {@link RestSource} into {@code orders-api},
 * each a {@link BasicPipeline} on a thread of its own, their progress in one state topic.
 */
final class OrdersIngest implements AutoCloseable {

    static final String CDC = "orders-cdc";
    static final String API = "orders-api";
    static final String DLQ = "orders-dlq";

    private final EmbeddedKafka kafka;
    private final OwnSchemaCodec cdcCodec = new OwnSchemaCodec();
    private final SingleObjectAvroCodec<GenericRecord> apiCodec = SingleObjectAvroCodec.generic(Order.getClassSchema());
    private final KafkaDeadLetterSink dlq;
    private final BasicPipeline<GenericRecord, GenericRecord> cdc;
    private final BasicPipeline<GenericRecord, GenericRecord> api;
    private final List<Thread> threads;
    private volatile boolean stopping;

    OrdersIngest(EmbeddedKafka kafka, OrdersService orders) {
        this.kafka = kafka;
        String bootstrap = kafka.bootstrapServers();
        PostgresService db = orders.database();
        KafkaStateStore.Topic state = KafkaStateStore.Topic.of(bootstrap, "sluice-source-state");
        this.dlq = KafkaDeadLetterSink.open(bootstrap, DLQ, "orders");
        CdcSource changes = CdcSource.postgres("orders-cdc", db.host(), db.port(), db.database(), db.username(), db.password(),
                List.of("public." + OrdersService.TABLE), state);
        RestSource listing = RestSource.of("orders-api", orders.listingUrl(), "/items", new Pagination.Cursor("after", "/next"),
                        Order.getClassSchema(), state)
                .withQuery(Map.of("limit", "200"))
                .withWatermark(Watermark.field("/version", "since", null))
                .withPollInterval(Duration.ofMillis(500));
        this.cdc = new BasicPipeline<>("orders-cdc", changes, Transform.map(v -> v), List.of(KafkaSink.of(bootstrap, CDC, cdcCodec)), dlq,
                ErrorPolicies.defaults(), PipelineListener.noop());
        this.api = new BasicPipeline<>("orders-api", listing, Transform.map(v -> v), List.of(KafkaSink.of(bootstrap, API, apiCodec)), dlq,
                ErrorPolicies.defaults(), PipelineListener.noop());
        this.threads = List.of(loop(cdc), loop(api));
    }

    private Thread loop(BasicPipeline<GenericRecord, GenericRecord> p) {
        Thread t = new Thread(() -> {
            while (!stopping) {
                p.runOnce(Duration.ofMillis(200));
            }
        }, p.graph().name());
        t.setDaemon(true);
        return t;
    }

    void start() {
        threads.forEach(Thread::start);
    }

    List<PipelineGraph> graphs() {
        return List.of(cdc.graph(), api.graph());
    }

    /** Waits until both topics show every order at its final status; prints what each holds. */
    boolean awaitAndSummarize(int orders, long changes, Duration timeout, PrintStream out) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Long, String> viaCdc = Map.of();
        Map<Long, String> viaApi = Map.of();
        while (System.nanoTime() < deadline) {
            viaCdc = finalStatus(kafka.readAll(CDC), true);
            viaApi = finalStatus(kafka.readAll(API), false);
            if (allShipped(viaCdc, orders) && allShipped(viaApi, orders)) {
                break;
            }
            Thread.sleep(1_000);
        }
        boolean ok = allShipped(viaCdc, orders) && allShipped(viaApi, orders);
        out.printf("  orders db           %,d orders, %,d changes (placed, paid, shipped) in PostgreSQL%n", orders, changes);
        out.printf("  %-19s %,d change events (snapshot, then each change); %,d orders at their final status (%s)%n", CDC, kafka.endOffsets(CDC), count(viaCdc),
                allShipped(viaCdc, orders) ? "= database" : "NO: differs from the database");
        out.printf("  %-19s %,d items; %,d orders at their final status (%s)%n", API, kafka.endOffsets(API), count(viaApi),
                allShipped(viaApi, orders) ? "= database" : "NO: differs from the database");
        return ok;
    }

    /** Order id -> status of its latest record (per-key order holds within a partition). */
    private Map<Long, String> finalStatus(List<ConsumerRecord<byte[], byte[]>> records, boolean envelope) {
        Map<Long, long[]> version = new HashMap<>();
        Map<Long, String> status = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            GenericRecord v = envelope ? (GenericRecord) cdcCodec.decode(r.value()).get("after") : apiCodec.decode(r.value());
            if (v == null) {
                continue;
            }
            long id = ((Number) v.get("id")).longValue();
            long seq = envelope ? r.offset() : (Long) v.get("version");
            long[] seen = version.computeIfAbsent(id, k -> new long[] {Long.MIN_VALUE});
            if (seq >= seen[0]) {
                seen[0] = seq;
                status.put(id, v.get("status").toString());
            }
        }
        return status;
    }

    private static boolean allShipped(Map<Long, String> status, int orders) {
        return status.size() == orders && status.values().stream().allMatch("shipped"::equals);
    }

    private static long count(Map<Long, String> status) {
        return status.values().stream().filter("shipped"::equals).count();
    }

    @Override
    public void close() throws Exception {
        stopping = true;
        for (Thread t : threads) {
            t.join(10_000);
        }
        cdc.close();
        api.close();
        dlq.close();
    }
}
