package dev.sluice.reference;

import dev.sluice.batch.S3Lake;
import dev.sluice.catalog.datahub.DataHubRestConfig;
import dev.sluice.formats.ConfluentRegistryClient;
import dev.sluice.formats.RegistryConfig;
import dev.sluice.stream.elastic.ElasticConnection;
import dev.sluice.stream.s3.S3Connection;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the reference pipeline's parts live: the settings a role run reads from its config file
 * (see {@link ConfigLoader}), and the ones the embedded demo builds for its own services. Every
 * stage is wired from this one record, so the demo and a deployment run the same code.
 *
 * <p>Contract: a missing required key fails at load time with its dotted name; optional sections
 * ({@code orders}, {@code pinot}, {@code trino}, {@code elastic}, {@code lineage}) are null when absent, and a role that needs one
 * says so; secrets are {@link Secret}s, so no
 * {@code toString} here shows one, and Kafka client settings (which may hold a JAAS password) are
 * shown by key only.
 *
 * @param kafka    the cluster and the client settings every producer, consumer and admin gets
 * @param registry the Confluent-compatible schema registry of the clean topic
 * @param lake     the bucket of the raw zone and the curated tables
 * @param ingest   the HTTP ingest endpoint
 * @param orders   the orders sources (the listing API and the database for CDC); null when absent
 * @param pinot    the Pinot cluster; null when absent
 * @param trino    the Trino coordinator the batch registers the lake's tables with; null when absent
 * @param elastic  the Elasticsearch or OpenSearch cluster the stream role indexes the clean clicks in; null when absent
 * @param lineage  where lineage goes: DataHub GMS, or a proposals file; null when absent
 * @param statusPort where the {@code orders} and {@code stream} roles serve health and metrics (9404)
 */
record AppConfig(Kafka kafka, Registry registry, Lake lake, Ingest ingest, Orders orders, Pinot pinot, Trino trino, Elastic elastic,
                 Lineage lineage, Integer statusPort) {

    AppConfig {
        need(kafka, "kafka");
        need(registry, "registry");
        need(lake, "lake");
        ingest = ingest == null ? new Ingest(null, 8000, null) : ingest;
        statusPort = statusPort == null ? 9404 : statusPort;
    }

    /** @param client any Kafka client property (security.protocol, sasl.*, ...), given to every client */
    record Kafka(String bootstrap, Integer partitions, Map<String, String> client) {
        Kafka {
            need(bootstrap, "kafka.bootstrap");
            partitions = partitions == null ? 3 : partitions;
            client = client == null ? Map.of() : Map.copyOf(client);
        }

        @Override
        public String toString() {
            return "Kafka[" + bootstrap + ", partitions=" + partitions + ", client settings " + client.keySet() + "]";
        }
    }

    record Registry(URI url, String username, Secret password) {
        Registry {
            need(url, "registry.url");
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("registry.username and registry.password go together");
            }
        }

        ConfluentRegistryClient client() {
            RegistryConfig c = RegistryConfig.of(url.toString());
            return new ConfluentRegistryClient(username == null ? c : c.withBasicAuth(username + ":" + password.reveal()));
        }
    }

    /**
     * @param endpoint  an S3-compatible server (path-style addressing); null for AWS S3
     * @param accessKey static credentials; null for the default chain (IRSA, instance profile, env)
     */
    record Lake(String bucket, String region, URI endpoint, String accessKey, Secret secretKey) {
        Lake {
            need(bucket, "lake.bucket");
            region = region == null ? "us-east-1" : region;
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException("lake.access-key and lake.secret-key go together");
            }
        }

        S3Connection connection() {
            S3Connection c = S3Connection.aws(region);
            if (endpoint != null) {
                c = c.withEndpoint(endpoint).withPathStyle(true);
            }
            return accessKey == null ? c : c.withStaticCredentials(accessKey, secretKey.reveal());
        }

        S3Lake spark() {
            return new S3Lake(endpoint, accessKey, Secret.reveal(secretKey)); // all null: AWS and the default chain
        }

        /** {@code s3a://bucket/path}: what Spark reads and writes. */
        String s3a(String path) {
            return "s3a://" + bucket + "/" + path;
        }
    }

    /** @param apiKeys accepted API keys, comma-separated; none means the endpoint is open */
    record Ingest(String listen, Integer port, Secret apiKeys) {
        Ingest {
            listen = listen == null ? "0.0.0.0" : listen;
            port = port == null ? 8000 : port;
        }
    }

    record Orders(URI api, Secret apiToken, Database database) {
        Orders {
            if (api == null && database == null) {
                throw new IllegalArgumentException("orders needs api, database or both");
            }
        }

        Optional<Database> db() {
            return Optional.ofNullable(database);
        }
    }

    /** @param kind {@code postgres} or {@code sqlserver}; tables are {@code schema.table} */
    record Database(String kind, String host, Integer port, String name, String user, Secret password, List<String> tables) {
        Database {
            need(kind, "orders.database.kind");
            if (!kind.equals("postgres") && !kind.equals("sqlserver")) {
                throw new IllegalArgumentException("orders.database.kind must be postgres or sqlserver, got " + kind);
            }
            need(host, "orders.database.host");
            port = port == null ? (kind.equals("postgres") ? 5432 : 1433) : port;
            need(name, "orders.database.name");
            need(user, "orders.database.user");
            need(password, "orders.database.password");
            tables = tables == null || tables.isEmpty() ? List.of((kind.equals("postgres") ? "public." : "dbo.") + OrdersService.TABLE)
                    : List.copyOf(tables);
        }
    }

    record Pinot(URI controller, URI broker) {
        Pinot {
            need(controller, "pinot.controller");
            need(broker, "pinot.broker");
        }
    }

    /** @param url {@code jdbc:trino://host:port}; @param user who the statements run as (default {@code sluice}) */
    record Trino(String url, String user) {
        Trino {
            need(url, "trino.url");
            user = user == null ? "sluice" : user;
        }
    }

    /**
     * An Elasticsearch 8/9 or OpenSearch 2/3 cluster, a managed one included: basic auth or an API
     * key, never both; {@code https} uses the JDK's trust store.
     *
     * @param index the indices' prefix: the clean clicks go to {@code <index>-yyyy.MM.dd} (default {@code clicks})
     */
    record Elastic(URI url, String username, Secret password, Secret apiKey, String index) {
        Elastic {
            need(url, "elastic.url");
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("elastic.username and elastic.password go together");
            }
            index = index == null ? "clicks" : index;
        }

        ElasticConnection connection() {
            ElasticConnection c = ElasticConnection.of(url);
            if (username != null) {
                c = c.withBasicAuth(username, password.reveal());
            }
            return apiKey == null ? c : c.withApiKey(apiKey.reveal());
        }
    }

    /** Exactly one of a DataHub GMS (token optional) and a proposals file. */
    record Lineage(URI datahubGms, Secret datahubToken, Path file) {
        Lineage {
            if ((datahubGms == null) == (file == null)) {
                throw new IllegalArgumentException("lineage needs exactly one of datahub-gms and file");
            }
        }

        Optional<DataHubRestConfig> gms() {
            if (datahubGms == null) {
                return Optional.empty();
            }
            DataHubRestConfig c = DataHubRestConfig.of(datahubGms.toString());
            return Optional.of(datahubToken == null ? c : c.withToken(datahubToken.reveal()));
        }
    }

    Optional<Orders> ordersSources() {
        return Optional.ofNullable(orders);
    }

    Optional<Pinot> pinotCluster() {
        return Optional.ofNullable(pinot);
    }

    Optional<Trino> trinoServer() {
        return Optional.ofNullable(trino);
    }

    Optional<Elastic> searchCluster() {
        return Optional.ofNullable(elastic);
    }

    Optional<Lineage> lineageTarget() {
        return Optional.ofNullable(lineage);
    }

    private static <T> T need(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value;
    }
}
