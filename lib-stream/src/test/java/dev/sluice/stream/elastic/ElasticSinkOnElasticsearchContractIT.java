package dev.sluice.stream.elastic;

import dev.sluice.embedded.SearchService;
import dev.sluice.testkit.ServiceExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink contract on Elasticsearch 9 in Testcontainers; skipped without Docker (the OpenSearch variant runs). */
class ElasticSinkOnElasticsearchContractIT extends ElasticSinkContractTests {

    @RegisterExtension
    static final ServiceExtension<SearchService> NODE = ServiceExtension.elasticsearchContainer();

    @Override
    protected SearchService node() {
        return NODE.get();
    }
}
