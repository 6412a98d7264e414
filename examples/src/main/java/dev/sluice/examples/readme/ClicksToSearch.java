package dev.sluice.examples.readme;

import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.source.Source;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.elastic.Bulking;
import dev.sluice.stream.elastic.DocumentIds;
import dev.sluice.stream.elastic.ElasticConnection;
import dev.sluice.stream.elastic.ElasticSink;
import dev.sluice.stream.elastic.IndexNaming;
import org.apache.avro.generic.GenericRecord;

/** README, "The Elastic sink": enriched clicks into daily indices. */
final class ClicksToSearch {

    private ClicksToSearch() {}

    static void run(Source<GenericRecord> source, DeadLetterSink dlq) {
        // snippet:start
        ElasticSink<GenericRecord> index = ElasticSink.<GenericRecord>of(
                        ElasticConnection.of("https://search.example.com:9200").withApiKey(System.getenv("ES_API_KEY")),
                        IndexNaming.daily("clicks"),                     // clicks-2026.12.01, by the record's event time (UTC)
                        EnrichedClick.getClassSchema())                  // the mapping and index template come from it
                .withIds(DocumentIds.field("eventId"))                   // or keyOrPosition() (default), position()
                .withTextFields("url")                                   // analysed text + .keyword; other strings are keyword
                .withBulking(Bulking.defaults().withMaxRecords(2_000));
        StreamPipeline.builder("clicks-to-search", source).deadLetters(dlq).to(index).start();
        // snippet:end
    }
}
