package dev.sluice.testkit;

import dev.sluice.embedded.OpenSearchServer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit's OpenSearch is a real node: it indexes a bulk, counts it and answers a query string search. */
class OpenSearchServerIT {

    @RegisterExtension
    static final ServiceExtension<OpenSearchServer> OPENSEARCH = ServiceExtension.openSearch();

    @Test
    void aBulkIsIndexedCountedAndSearchable() {
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            bulk.append("{\"index\":{\"_index\":\"testkit-clicks\",\"_id\":\"c").append(i).append("\"}}\n")
                    .append("{\"country\":\"").append(i % 2 == 0 ? "DE" : "FR").append("\",\"n\":").append(i).append("}\n");
        }
        OpenSearchServer.Response response = OPENSEARCH.get().request("POST", "/_bulk", bulk.toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"errors\":false");
        assertThat(OPENSEARCH.get().count("testkit-clicks")).isEqualTo(50);
        OpenSearchServer.Response search = OPENSEARCH.get().request("GET", "/testkit-clicks/_search?q=country:DE&size=0", null);
        assertThat(search.body()).contains("\"total\":{\"value\":25");
    }
}
