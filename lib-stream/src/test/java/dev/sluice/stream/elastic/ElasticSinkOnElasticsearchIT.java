package dev.sluice.stream.elastic;

import dev.sluice.embedded.SearchService;
import dev.sluice.testkit.ServiceExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Elastic sink's tests on Elasticsearch 9 in Testcontainers; skipped where no Docker engine answers (the OpenSearch variant runs). */
class ElasticSinkOnElasticsearchIT extends ElasticSinkTests {

    @RegisterExtension
    static final ServiceExtension<SearchService> ELASTICSEARCH = ServiceExtension.elasticsearchContainer();

    @Override
    protected SearchService node() {
        return ELASTICSEARCH.get();
    }
}
