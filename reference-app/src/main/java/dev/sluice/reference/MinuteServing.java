package dev.sluice.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.api.sink.Sink;
import dev.sluice.batch.SqlOutput;
import dev.sluice.catalog.pinot.PinotAdmin;
import dev.sluice.catalog.pinot.PinotQuery;
import dev.sluice.catalog.pinot.PinotStream;
import dev.sluice.catalog.pinot.PinotTableSpec;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.elastic.DocumentIds;
import dev.sluice.stream.elastic.ElasticSink;
import dev.sluice.stream.elastic.IndexNaming;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * The per-minute table served: a stream pipeline from the streaming SQL's changelog topic into a
 * Pinot upsert table and a search index, both showing one row (document) per window and key.
 *
 * <ul>
 *   <li>Pinot: a REALTIME upsert table {@code clicks_per_minute} derived from the statement's output
 *       record, keyed by its key columns (window start, page category, country). Pinot reads the
 *       Pinot-facing copy {@code clicks-per-minute-pinot}, plain Avro with the same keys (so the same
 *       partitions): its Confluent-registry decoder needs jars Maven Central lacks (see {@link PinotStream}).</li>
 *   <li>The index {@code clicks_per_minute} (not matched by the clicks' {@code clicks-*}): each
 *       document named by the record key, so a window's later version overwrites the earlier one.</li>
 * </ul>
 */
final class MinuteServing implements AutoCloseable {

    static final String PINOT_TOPIC = ClickMinutes.TOPIC + "-pinot";
    static final String INDEX = ClickMinutes.TABLE;
    /** The window's start: the table's time column (its end is a dimension). */
    static final String TIME = "w_start";
    private static final String GROUP = "reference-minute-serving";

    private final AppKafkaClients kafka;
    private final SqlOutput table;
    private final Optional<AppConfig.Pinot> pinot;
    private final StreamPipeline<GenericRecord, GenericRecord> pipeline;

    /** @param table the per-minute statement's output, from {@code StreamingSql.plan} */
    MinuteServing(AppKafkaClients kafka, SchemaRegistryClient registry, SqlOutput table, Optional<AppConfig.Pinot> pinot,
                  Optional<AppConfig.Elastic> elastic, MeterRegistry meters) {
        this.kafka = kafka;
        this.table = table;
        this.pinot = pinot;
        List<Sink<GenericRecord>> sinks = new ArrayList<>();
        if (pinot.isPresent()) {
            sinks.add(kafka.sink(PINOT_TOPIC, AvroCodec.generic(table.schema())).withSchema(table.schema()));
        }
        elastic.ifPresent(e -> sinks.add(ElasticSink.<GenericRecord>of(e.connection(), IndexNaming.fixed(INDEX), table.schema())
                .withIds(DocumentIds.keyOrPosition())));
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("the per-minute table is served by Pinot or a search index; the configuration names neither");
        }
        ConfluentAvroCodec<GenericRecord> codec = ConfluentAvroCodec.generic(registry, table.topic() + "-value", table.schema());
        @SuppressWarnings("unchecked")
        Sink<GenericRecord>[] to = sinks.toArray(Sink[]::new);
        this.pipeline = StreamPipeline.builder("minute-serving", kafka.source(GROUP, codec, table.topic()).withSchema(table.schema()))
                .listener(new MicrometerPipelineListener(meters, "minute-serving"))
                .config(StreamConfig.defaults().withInstanceId("reference-minute-serving"))
                .to(to);
    }

    /** The Pinot table: the key columns its primary key, the window start its time, the aggregates its metrics. */
    static PinotTableSpec pinotSpec(SqlOutput table) {
        if (!table.keyColumns().contains(TIME)) {
            throw new IllegalArgumentException(table.statement() + " is keyed by " + table.keyColumns() + ", without the window start " + TIME);
        }
        String[] metrics = table.schema().getFields().stream().map(f -> f.name())
                .filter(n -> !table.keyColumns().contains(n) && !n.equals("w_end")).toArray(String[]::new);
        return PinotTableSpec.of(table.statement(), table.schema(), TIME).withMetrics(metrics).withUpsert(table.keyColumns());
    }

    /** Creates (or updates) the Pinot table, then starts the pipeline. */
    void start() throws Exception {
        kafka.ensureTopics(List.of(table.topic(), PINOT_TOPIC));
        pinot.ifPresent(p -> new PinotAdmin(p.controller().toString()).putRealtimeTable(pinotSpec(table),
                PinotStream.avro(PINOT_TOPIC, kafka.bootstrap()).withFlushRows(50_000)));
        pipeline.start();
    }

    boolean isHealthy() {
        return pipeline.isHealthy();
    }

    /** Waits until the changelog is served to its end; false on timeout. */
    boolean awaitCaughtUp(Duration timeout) throws Exception {
        return kafka.awaitCaughtUp(GROUP, table.topic(), timeout, pipeline::isHealthy);
    }

    /**
     * Pinot's rows and sum of views once they are the table's (one row per window and key, each its
     * latest views), or what Pinot answered at the timeout: it consumes and upserts asynchronously.
     */
    static long[] pinotTotals(AppConfig.Pinot pinot, ClickMinutes.Totals expected, Duration timeout) throws InterruptedException {
        List<List<JsonNode>> rows = new PinotQuery(pinot.broker().toString()).await("SELECT COUNT(*), SUM(views) FROM " + INDEX,
                r -> r.get(0).get(0).asLong() == expected.windows() && r.get(0).get(1).asLong() == expected.views(), timeout);
        return rows.isEmpty() ? new long[] {-1, -1} : new long[] {rows.get(0).get(0).asLong(), rows.get(0).get(1).asLong()};
    }

    /** The stage's lineage (the topic into the Pinot-facing copy and the index) and, with Pinot, the copy into the upsert table. */
    List<PipelineGraph> graphs() {
        List<PipelineGraph> graphs = new ArrayList<>(List.of(pipeline.graph()));
        pinot.ifPresent(p -> graphs.add(PipelineGraph.of("pinot-upsert", List.of(LineageDataset.kafkaTopic(PINOT_TOPIC, table.schema())),
                List.of(new LineageDataset("pinot", INDEX, table.schema())))));
        return graphs;
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
