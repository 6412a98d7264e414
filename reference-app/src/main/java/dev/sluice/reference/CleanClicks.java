package dev.sluice.reference;

import dev.sluice.api.Transform;
import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.reference.model.ClickEvent;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;

/**
 * The clean stage: the raw topic through [validate, drop bots, enrich] into the clean topic
 * (Confluent-wire Avro, schema in the registry: the topic other teams read) and a Pinot-facing
 * topic (plain Avro: Pinot 0.11's Confluent decoder needs jars Maven Central lacks); events that do
 * not decode or do not validate go to the dead-letter topic with their bytes and the reason.
 */
final class CleanClicks implements AutoCloseable {

    static final String NAME = "reference-clicks";
    static final String CLEAN = "clicks-clean";
    static final String DLQ = "clicks-dlq";
    static final String PINOT = "clicks-pinot";
    static final String SOURCE_COMPONENT = "kafka-source:" + ClickIngest.RAW;
    static final String SINK_COMPONENT = "kafka-sink:" + CLEAN;

    private final AppKafkaClients kafka;
    private final MeterRegistry meters;
    private final ConfluentAvroCodec<EnrichedClick> cleanCodec;
    private final KafkaDeadLetterSink dlq;
    private final StreamPipeline<GenericRecord, EnrichedClick> pipeline;

    CleanClicks(AppKafkaClients kafka, SchemaRegistryClient registry, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
        this.cleanCodec = ConfluentAvroCodec.specific(registry, CLEAN + "-value", EnrichedClick.class);
        KafkaSink<EnrichedClick> clean = kafka.sink(CLEAN, cleanCodec).withSchema(EnrichedClick.getClassSchema());
        KafkaSink<EnrichedClick> forPinot = kafka.sink(PINOT, AvroCodec.specific(EnrichedClick.class)).withSchema(EnrichedClick.getClassSchema());
        Transform<GenericRecord, EnrichedClick> transform = Transform.<GenericRecord>filter(EnrichClicks::isHuman).andThen(new EnrichClicks());
        this.dlq = kafka.deadLetters(DLQ, NAME);
        this.pipeline = StreamPipeline.builder(NAME, kafka.source(NAME, ClickIngest.rawCodec(), ClickIngest.RAW).withSchema(ClickEvent.getClassSchema()))
                .via(transform)
                .deadLetters(dlq)
                .errorPolicies(ErrorPolicies.defaults())
                .listener(new MicrometerPipelineListener(meters, NAME))
                .config(StreamConfig.defaults().withInstanceId(NAME))
                .to(clean, forPinot);
    }

    /** How the clean topic is written, for its readers (the raw zone). */
    ConfluentAvroCodec<EnrichedClick> cleanCodec() {
        return cleanCodec;
    }

    void start() {
        pipeline.start();
    }

    /** Stops the stage once it has read its topic's {@code records}: {@link AppKafkaClients#drainAndClose}. */
    boolean drainAndClose(long records, Duration timeout) throws Exception {
        return kafka.drainAndClose(NAME, ClickIngest.RAW, meters, records, timeout, pipeline::isHealthy, this::close);
    }

    boolean isHealthy() {
        return pipeline.isHealthy();
    }

    PipelineGraph graph() {
        return pipeline.graph();
    }

    /** Stops the workers (they flush and commit), then the dead-letter producer. */
    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            dlq.close();
        }
    }
}
