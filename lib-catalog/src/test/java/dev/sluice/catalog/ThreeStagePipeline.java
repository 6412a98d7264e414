package dev.sluice.catalog;

import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** The seed pipeline's graphs: HTTP ingest -> Kafka -> stream (clean topic, DLQ, S3 raw zone) -> batch (curated S3) -> Pinot. */
public final class ThreeStagePipeline {

    public static final Schema CLICK = SchemaBuilder.record("ClickEvent").namespace("dev.sluice.demo").doc("A page view").fields()
            .name("userId").doc("who clicked").type().stringType().noDefault()
            .name("page").type().stringType().noDefault()
            .name("durationMs").type().nullable().longType().noDefault()
            .name("ts").type(org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .name("device").type().record("Device").fields().requiredString("os").optionalString("model").endRecord().noDefault()
            .name("tags").type().array().items().stringType().noDefault()
            .endRecord();
    public static final Schema DAILY = SchemaBuilder.record("ClicksDaily").namespace("dev.sluice.demo").fields()
            .requiredString("page").requiredLong("views").requiredLong("totalDurationMs")
            .name("day").type(org.apache.avro.LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
            .endRecord();

    public static final LineageDataset HTTP = new LineageDataset("http", "ingest.clicks", CLICK);
    public static final LineageDataset RAW = LineageDataset.kafkaTopic("clicks-raw", CLICK);
    public static final LineageDataset CLEAN = LineageDataset.kafkaTopic("clicks-clean", CLICK);
    public static final LineageDataset DLQ = LineageDataset.kafkaTopic("clicks-dlq", null);
    public static final LineageDataset LAKE_RAW = new LineageDataset("s3", "lake/raw/clicks", CLICK);
    public static final LineageDataset CURATED = new LineageDataset("s3", "lake/curated/clicks_daily", DAILY);
    public static final LineageDataset PINOT = new LineageDataset("pinot", "clicks_daily", DAILY);

    public static final PipelineGraph INGEST = PipelineGraph.of("clicks-ingest", List.of(HTTP), List.of(RAW));
    public static final PipelineGraph STREAM = PipelineGraph.of("clicks-stream", List.of(RAW), List.of(CLEAN, DLQ, LAKE_RAW));
    public static final PipelineGraph BATCH = PipelineGraph.of("clicks-daily", List.of(LAKE_RAW), List.of(CURATED));
    public static final PipelineGraph TO_PINOT = PipelineGraph.of("clicks-daily-to-pinot", List.of(CURATED), List.of(PINOT));

    public static final List<PipelineGraph> ALL = List.of(INGEST, STREAM, BATCH, TO_PINOT);

    private ThreeStagePipeline() {}
}
