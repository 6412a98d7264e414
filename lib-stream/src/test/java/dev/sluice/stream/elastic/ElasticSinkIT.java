package dev.sluice.stream.elastic;

import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.embedded.SearchService;
import dev.sluice.testkit.ServiceExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Elastic sink's tests on a real OpenSearch 2.19 node (a child JVM), on every machine. */
class ElasticSinkIT extends ElasticSinkTests {

    @RegisterExtension
    static final ServiceExtension<OpenSearchServer> OPENSEARCH = ServiceExtension.openSearch();

    @Override
    protected SearchService node() {
        return OPENSEARCH.get();
    }
}
