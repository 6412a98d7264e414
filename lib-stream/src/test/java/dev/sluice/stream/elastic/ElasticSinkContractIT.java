package dev.sluice.stream.elastic;

import dev.sluice.api.sink.Sink;
import dev.sluice.formats.JsonAvroConverter;
import dev.sluice.stream.s3.Clicks;
import dev.sluice.testkit.OpenSearchServer;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.SinkContractTest;
import java.util.List;
import java.util.Locale;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Elastic sink keeps the promises of every sink against a real OpenSearch node, read back by search and turned into records again. */
class ElasticSinkContractIT extends SinkContractTest<GenericRecord> {

    @RegisterExtension
    static final ServiceExtension<OpenSearchServer> OPENSEARCH = ServiceExtension.openSearch();

    @Override
    protected Sink<GenericRecord> createSink(String destination) {
        return ElasticSink.of(ElasticConnection.of(OPENSEARCH.get().url()), IndexNaming.fixed(index(destination)), Clicks.V1);
    }

    @Override
    protected GenericRecord value(int i) {
        return Clicks.click(i, false);
    }

    @Override
    protected List<GenericRecord> readBack(String destination, int atLeast) {
        JsonAvroConverter records = new JsonAvroConverter(Clicks.V1);
        return Indices.sources(OPENSEARCH.get(), index(destination), atLeast).stream().map(records::convert).toList();
    }

    private static String index(String destination) {
        return destination.toLowerCase(Locale.ROOT);
    }
}
