package dev.sluice.reference;

import dev.sluice.api.codec.Codec;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.elastic.DocumentIds;
import dev.sluice.stream.elastic.ElasticSink;
import dev.sluice.stream.elastic.IndexNaming;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The search index: a stream pipeline from the clean topic into Elasticsearch or OpenSearch, one
 * index per day of the click time ({@code clicks-2026.12.01}), each click's document named by its
 * {@code eventId}, so a replay overwrites and the index holds every clean click once.
 */
final class SearchIndex implements AutoCloseable {

    private static final String GROUP = "reference-search-index";

    private final AppKafkaClients kafka;
    private final IndexNaming naming;
    private final MeterRegistry meters;
    private final StreamPipeline<EnrichedClick, EnrichedClick> pipeline;

    /** The clean clicks' sink: daily indices, ids from the event id, the URL also searchable as text. */
    static ElasticSink<EnrichedClick> sink(AppConfig.Elastic elastic) {
        return ElasticSink.<EnrichedClick>of(elastic.connection(), IndexNaming.daily(elastic.index()), EnrichedClick.getClassSchema())
                .withIds(DocumentIds.field("eventId"))
                .withTextFields("url");
    }

    SearchIndex(AppKafkaClients kafka, AppConfig.Elastic elastic, String topic, Codec<EnrichedClick> codec, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
        ElasticSink<EnrichedClick> sink = sink(elastic);
        this.naming = sink.naming();
        KafkaSource<EnrichedClick> source = kafka.source(GROUP, codec, topic).withSchema(EnrichedClick.getClassSchema());
        this.pipeline = StreamPipeline.builder("search-index", source)
                .listener(new MicrometerPipelineListener(meters, "search-index"))
                .config(StreamConfig.defaults().withInstanceId("reference-search-index"))
                .to(sink);
    }

    /** What a search names to read every click: {@code clicks-*}. */
    String searchPattern() {
        return naming.searchPattern();
    }

    void start() {
        pipeline.start();
    }

    boolean isHealthy() {
        return pipeline.isHealthy();
    }

    /** Stops the stage once it has read its topic's {@code records}: {@link AppKafkaClients#drainAndClose}. */
    boolean drainAndClose(String topic, long records, Duration timeout) throws Exception {
        return kafka.drainAndClose(GROUP, topic, meters, records, timeout, pipeline::isHealthy, this::close);
    }

    PipelineGraph graph() {
        return pipeline.graph();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
