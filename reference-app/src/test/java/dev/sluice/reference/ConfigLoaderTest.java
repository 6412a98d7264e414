package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment's own config file ({@code infra/k8s/base/app.yaml}) read with different environments. */
class ConfigLoaderTest {

    private static final Path DEPLOYED = Path.of("..", "infra", "k8s", "base", "app.yaml");

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("SLUICE_KAFKA_BOOTSTRAP", "b-1.msk:9098");
        env.put("SLUICE_SCHEMA_REGISTRY_URL", "http://registry:8080/apis/ccompat/v7");
        env.put("SLUICE_S3_BUCKET", "sluice-lake");
        return env;
    }

    private static AppConfig load(Map<String, String> env) {
        return new ConfigLoader(env::get).load(DEPLOYED);
    }

    @Test
    void theMinimalEnvironmentGivesAwsS3AndNoOptionalSections() {
        AppConfig c = load(minimal());
        assertThat(c.kafka().bootstrap()).isEqualTo("b-1.msk:9098");
        assertThat(c.kafka().partitions()).isEqualTo(6);
        assertThat(c.kafka().client()).as("empty client settings are absent").isEqualTo(Map.of("security.protocol", "PLAINTEXT"));
        assertThat(c.lake().endpoint()).isNull();
        assertThat(c.lake().connection().toString()).contains("endpoint=aws", "default chain");
        assertThat(c.ingest().port()).isEqualTo(8000);
        assertThat(c.ingest().listen()).as("every interface, as a pod needs").isEqualTo("0.0.0.0");
        assertThat(c.ordersSources()).isEmpty();
        assertThat(c.pinotCluster()).isEmpty();
        assertThat(c.trinoServer()).isEmpty();
        assertThat(c.searchCluster()).isEmpty();
        assertThat(c.lineageTarget()).isEmpty();
    }

    @Test
    void everySectionFromTheEnvironmentWithSecretsNeverShown() {
        Map<String, String> env = minimal();
        env.put("SLUICE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("SLUICE_KAFKA_SASL_MECHANISM", "PLAIN");
        env.put("SLUICE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"kafka-pw\";");
        env.put("SLUICE_S3_ENDPOINT", "http://minio:9000");
        env.put("SLUICE_S3_ACCESS_KEY", "AKIA1");
        env.put("SLUICE_S3_SECRET_KEY", "s3-secret");
        env.put("SLUICE_ORDERS_API_URL", "https://orders.example/api/orders");
        env.put("SLUICE_ORDERS_API_TOKEN", "api-token");
        env.put("SLUICE_ORDERS_DB_KIND", "sqlserver");
        env.put("SLUICE_ORDERS_DB_HOST", "mssql.db");
        env.put("SLUICE_ORDERS_DB_NAME", "orders");
        env.put("SLUICE_ORDERS_DB_USER", "cdc");
        env.put("SLUICE_ORDERS_DB_PASSWORD", "db-pw");
        env.put("SLUICE_PINOT_CONTROLLER", "http://pinot-controller:9000");
        env.put("SLUICE_PINOT_BROKER", "http://pinot-broker:8099");
        env.put("SLUICE_DATAHUB_GMS", "http://gms:8080");
        env.put("SLUICE_DATAHUB_TOKEN", "gms-token");
        env.put("SLUICE_INGEST_API_KEYS", "k1,k2");
        env.put("SLUICE_INGEST_LISTEN", "127.0.0.1");
        env.put("SLUICE_TRINO_URL", "jdbc:trino://trino.serving.svc:8080");
        env.put("SLUICE_INGEST_PORT", "8081");
        env.put("SLUICE_ELASTIC_URL", "https://search.example.com:9200");
        env.put("SLUICE_ELASTIC_API_KEY", "elastic-key");
        AppConfig c = load(env);
        assertThat(c.elastic().index()).as("the default index prefix").isEqualTo("clicks");
        assertThat(c.elastic().connection().toString()).contains("https://search.example.com:9200", "api key ****").doesNotContain("elastic-key");
        assertThat(c.ingest().listen()).isEqualTo("127.0.0.1");
        assertThat(c.ingest().port()).isEqualTo(8081);
        assertThat(c.trino()).isEqualTo(new AppConfig.Trino("jdbc:trino://trino.serving.svc:8080", "sluice"));
        assertThat(c.kafka().client()).containsEntry("sasl.mechanism", "PLAIN").containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.lake().endpoint()).isEqualTo(URI.create("http://minio:9000"));
        assertThat(c.orders().database().port()).as("the kind's default port").isEqualTo(1433);
        assertThat(c.orders().database().tables()).as("the kind's default table").isEqualTo(List.of("dbo.orders"));
        assertThat(c.orders().apiToken().reveal()).isEqualTo("api-token");
        assertThat(c.pinot().broker()).isEqualTo(URI.create("http://pinot-broker:8099"));
        assertThat(c.lineage().gms()).hasValueSatisfying(g -> assertThat(g.token()).isEqualTo("gms-token"));
        String shown = c + " " + c.lake().connection() + " " + c.lineage().gms().orElseThrow() + " " + c.registry().client().config();
        assertThat(shown).doesNotContain("kafka-pw", "s3-secret", "api-token", "db-pw", "gms-token", "k1,k2", "elastic-key");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsNamedWithItsKey() {
        Map<String, String> env = minimal();
        env.remove("SLUICE_S3_BUCKET");
        assertThatThrownBy(() -> load(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("app.yaml: lake.bucket: environment variable SLUICE_S3_BUCKET is not set");
    }

    @Test
    void aHalfConfiguredSectionNamesWhatIsMissing() {
        Map<String, String> env = minimal();
        env.put("SLUICE_ORDERS_DB_KIND", "postgres");
        env.put("SLUICE_ORDERS_DB_HOST", "pg");
        env.put("SLUICE_ORDERS_DB_NAME", "orders");
        env.put("SLUICE_ORDERS_DB_USER", "cdc");
        assertThatThrownBy(() -> load(env)).hasMessage("app.yaml: orders.database.password is required");
    }

    @Test
    void aMistypedKeyIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("typo.yaml");
        Files.writeString(f, "kafka:\n  bootsrap: localhost:9092\nregistry:\n  url: http://r\nlake:\n  bucket: b\n");
        assertThatThrownBy(() -> new ConfigLoader(k -> null).load(f)).hasMessageStartingWith("typo.yaml: kafka.bootsrap is not a setting");
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() {
        Map<String, String> env = minimal();
        env.put("SLUICE_INGEST_PORT", "eighty");
        assertThatThrownBy(() -> load(env)).hasMessage("app.yaml: ingest.port is not a valid Integer");
    }

    @Test
    void aSecretComesFromAMountedFile(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("s3-secret");
        Files.writeString(secret, "from-a-file\n");
        Path f = dir.resolve("app.yaml");
        Files.writeString(f, "kafka:\n  bootstrap: k:9092\nregistry:\n  url: http://r\nlake:\n  bucket: b\n  access-key: AK\n  secret-key: ${file:"
                + secret + "}\n");
        assertThat(new ConfigLoader(k -> null).load(f).lake().secretKey().reveal()).isEqualTo("from-a-file");
    }
}
