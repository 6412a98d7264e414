package dev.sluice.stream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ElasticConnectionTest {

    @Test
    void credentialsGoIntoTheAuthorizationHeaderAndNeverIntoToString() {
        ElasticConnection basic = ElasticConnection.of("https://search.example.com:9200").withBasicAuth("sluice", "s3cret!");
        ElasticConnection key = ElasticConnection.of("https://search.example.com:9200").withApiKey("a2V5aWQ6c2VjcmV0");

        assertThat(basic.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString("sluice:s3cret!".getBytes(StandardCharsets.UTF_8)));
        assertThat(key.authorization()).isEqualTo("ApiKey a2V5aWQ6c2VjcmV0");
        assertThat(ElasticConnection.of("http://localhost:9200").authorization()).isNull();
        assertThat(basic.toString()).contains("basic sluice/****").doesNotContain("s3cret!");
        assertThat(key.toString()).contains("api key ****").doesNotContain("a2V5aWQ6c2VjcmV0");
    }

    @Test
    void aConnectionThatCannotWorkIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> ElasticConnection.of("ftp://search:21")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> new ElasticConnection(URI.create("https://s:9200"), "u", "p", "k", null, null, Duration.ofSeconds(1)))
                .hasMessageContaining("not both");
        assertThat(ElasticConnection.of("https://s:9200").withBasicAuth("u", "p").withApiKey("k").username()).as("a with-er switches the scheme").isNull();
        assertThatThrownBy(() -> ElasticConnection.of("https://s:9200").withTrustStore(Path.of("/nonexistent.p12"), "pw").client())
                .hasMessageContaining("cannot read the trust store /nonexistent.p12");
    }
}
