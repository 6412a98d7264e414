package dev.sluice.stream.elastic;

import dev.sluice.api.sink.Sink;
import dev.sluice.embedded.SearchService;
import dev.sluice.formats.JsonAvroConverter;
import dev.sluice.stream.s3.Clicks;
import dev.sluice.testkit.SinkContractTest;
import java.util.List;
import java.util.Locale;
import org.apache.avro.generic.GenericRecord;

/**
 * The Elastic sink keeps the promises of every sink, read back by search and turned into records
 * again: on OpenSearch here ({@link ElasticSinkContractIT}), on Elasticsearch 9 where Docker runs
 * ({@link ElasticSinkOnElasticsearchContractIT}).
 */
abstract class ElasticSinkContractTests extends SinkContractTest<GenericRecord> {

    protected abstract SearchService node();

    @Override
    protected Sink<GenericRecord> createSink(String destination) {
        return ElasticSink.of(ElasticConnection.of(node().url()), IndexNaming.fixed(index(destination)), Clicks.V1);
    }

    @Override
    protected GenericRecord value(int i) {
        return Clicks.click(i, false);
    }

    @Override
    protected List<GenericRecord> readBack(String destination, int atLeast) {
        JsonAvroConverter records = new JsonAvroConverter(Clicks.V1);
        return Indices.sources(node(), index(destination), atLeast).stream().map(records::convert).toList();
    }

    private static String index(String destination) {
        return destination.toLowerCase(Locale.ROOT);
    }
}
