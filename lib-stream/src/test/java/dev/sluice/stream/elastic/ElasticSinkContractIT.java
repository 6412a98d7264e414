package dev.sluice.stream.elastic;

import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.embedded.SearchService;
import dev.sluice.testkit.ServiceExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink contract on a real OpenSearch 2.19 node. */
class ElasticSinkContractIT extends ElasticSinkContractTests {

    @RegisterExtension
    static final ServiceExtension<OpenSearchServer> NODE = ServiceExtension.openSearch();

    @Override
    protected SearchService node() {
        return NODE.get();
    }
}
