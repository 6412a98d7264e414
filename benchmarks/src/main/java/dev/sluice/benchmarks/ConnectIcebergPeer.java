package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.Event;
import dev.sluice.formats.SchemaRegistryClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.avro.AvroSchemaUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.rest.RestServerConfig;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * The S3 sink's peer: a Kafka Connect 4.3 standalone worker in this JVM running Apache Iceberg's sink
 * connector 1.11, reading a topic of Confluent-wire-format Avro events and appending them as snappy
 * Parquet to an Iceberg table (JDBC catalog on PostgreSQL, S3FileIO on the in-JVM S3 server).
 *
 * <p>Timed by {@link #run}: from the connector's creation until the table's current snapshot counts
 * every record of the topic (its summary's {@code total-records}, read through the catalog every 50 ms).
 * So the time covers Connect's consumer, Avro to Struct conversion ({@link AvroStructConverter}),
 * Iceberg's record conversion, Parquet encoding, the uploads and the coordinator's last commit (every
 * {@value #COMMIT_INTERVAL_MS} ms). Not timed: the worker's start (plugin discovery, REST server),
 * creating the table and the control topic, and the check afterwards that the table holds exactly N records.
 */
public final class ConnectIcebergPeer implements AutoCloseable {

    static final int COMMIT_INTERVAL_MS = 1_000;
    private static final String CATALOG = "bench";
    private static final Namespace NAMESPACE = Namespace.of("bench");

    /** Where the table lives: data and metadata on the S3 server's bucket, the table pointers in PostgreSQL. */
    record Lake(URI s3Endpoint, String accessKey, String secretKey, String bucket, String jdbcUrl, String jdbcUser, String jdbcPassword) {

        /** Iceberg catalog properties (CatalogProperties, S3FileIOProperties, AwsClientProperties, HttpClientProperties). */
        Map<String, String> catalog() {
            return Map.ofEntries(Map.entry("type", "jdbc"), Map.entry("uri", jdbcUrl), Map.entry("jdbc.user", jdbcUser),
                    Map.entry("jdbc.password", jdbcPassword), Map.entry("warehouse", "s3://" + bucket + "/iceberg"),
                    Map.entry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO"), Map.entry("s3.endpoint", s3Endpoint.toString()),
                    Map.entry("s3.path-style-access", "true"), Map.entry("s3.access-key-id", accessKey),
                    Map.entry("s3.secret-access-key", secretKey), Map.entry("client.region", "us-east-1"),
                    // The Sluice sink's HTTP client (Apache); no CRT async client (only Iceberg's reads would use it); the
                    // S3-only client factory, so no code path reaches the KMS, Glue, STS or DynamoDB SDK modules (not on the classpath).
                    Map.entry("http-client.type", "apache"), Map.entry("s3.crt.enabled", "false"),
                    Map.entry("s3.client-factory-impl", "org.apache.iceberg.aws.s3.DefaultS3FileIOAwsClientFactory"));
        }
    }

    /** One run: seconds timed, and what the table's last snapshot says it holds. */
    record Result(double seconds, long records, long dataFiles, long bytes, int snapshots) {}

    private final String bootstrap;
    private final Lake lake;
    private final int tasks;
    private final String registryKey = UUID.randomUUID().toString();
    private final Path offsets;
    private final Catalog catalog;
    private final Connect<StandaloneHerder> connect;

    private ConnectIcebergPeer(String bootstrap, SchemaRegistryClient registry, Lake lake, int tasks) throws IOException {
        this.bootstrap = bootstrap;
        this.lake = lake;
        this.tasks = tasks;
        AvroStructConverter.REGISTRIES.put(registryKey, registry);
        this.offsets = Files.createTempFile("connect-offsets", ".dat");
        Map<String, String> worker = new HashMap<>();
        worker.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        worker.put(WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, ByteArrayConverter.class.getName());
        worker.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, ByteArrayConverter.class.getName());
        worker.put(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, offsets.toString()); // required; source offsets only
        // The sink processes its control events in flush(): on an idle topic a longer flush interval times commits out.
        worker.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, Integer.toString(COMMIT_INTERVAL_MS));
        worker.put(RestServerConfig.LISTENERS_CONFIG, "http://127.0.0.1:0");
        // ServiceLoader manifests only: no reflective scan of the whole shaded jar.
        worker.put(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        // startConnect calls Exit.exit(3) if the worker fails to start: throw instead of ending the benchmark's JVM.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka Connect failed to start (exit " + code + "): " + message);
        });
        try {
            this.connect = new ConnectStandalone().startConnect(worker);
        } finally {
            Exit.resetExitProcedure();
            Thread.currentThread().setContextClassLoader(loader); // startConnect leaves Connect's delegating loader there
        }
        // The harness's own view of the catalog: creates the tables and reads their snapshots.
        this.catalog = CatalogUtil.buildIcebergCatalog(CATALOG, lake.catalog(), null);
    }

    /** Starts the worker (not timed); {@code registry} holds the topics' writer schemas. */
    static ConnectIcebergPeer start(String bootstrap, SchemaRegistryClient registry, Lake lake, int tasks) throws IOException {
        return new ConnectIcebergPeer(bootstrap, registry, lake, tasks);
    }

    /**
     * Creates table {@code bench.<name>} and a connector {@code name} from {@code topic} into it, times until
     * the table's committed snapshots hold {@code expected} records, deletes the connector and checks the count.
     */
    Result run(String topic, long expected, String name) throws Exception {
        TableIdentifier id = TableIdentifier.of(NAMESPACE, name);
        Table table = createTable(id);
        String control = name + "-control";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(control, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, String> config = new HashMap<>();
        config.put(ConnectorConfig.NAME_CONFIG, name);
        config.put(ConnectorConfig.CONNECTOR_CLASS_CONFIG, "org.apache.iceberg.connect.IcebergSinkConnector");
        config.put(ConnectorConfig.TASKS_MAX_CONFIG, Integer.toString(tasks));
        config.put(SinkConnectorConfig.TOPICS_CONFIG, topic);
        config.put(ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, AvroStructConverter.class.getName());
        config.put(ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG + "." + AvroStructConverter.REGISTRY, registryKey);
        config.put("iceberg.tables", id.toString()); // "bench.<name>": namespace and table, without the catalog
        config.put("iceberg.catalog", CATALOG);
        lake.catalog().forEach((k, v) -> config.put("iceberg.catalog." + k, v));
        config.put("iceberg.control.topic", control);
        config.put("iceberg.control.commit.interval-ms", Integer.toString(COMMIT_INTERVAL_MS));
        // In-process the sink cannot read the worker's properties file (it parses sun.java.command): name the broker.
        config.put("iceberg.kafka.bootstrap.servers", bootstrap);

        long start = System.nanoTime();
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, config, false, created);
        double seconds;
        try {
            created.get(30, TimeUnit.SECONDS);
            long deadline = start + TimeUnit.MINUTES.toNanos(3);
            while (totalRecords(table) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": the table holds " + totalRecords(table) + " of " + expected + " records after 3 minutes");
                }
                failIfAnyTaskFailed(name);
                Thread.sleep(50);
            }
            seconds = (System.nanoTime() - start) / 1e9;
        } finally {
            deleteConnector(name); // stops its task before the table is checked
        }
        table.refresh();
        Map<String, String> summary = table.currentSnapshot().summary();
        long records = Long.parseLong(summary.get(SnapshotSummary.TOTAL_RECORDS_PROP));
        long scanned = 0;
        try (CloseableIterable<FileScanTask> files = table.newScan().planFiles()) {
            for (FileScanTask f : files) {
                scanned += f.file().recordCount();
            }
        }
        if (records != expected || scanned != expected) {
            throw new IllegalStateException(name + " committed " + records + " records (" + scanned + " in its data files), expected "
                    + expected + ": its figure would not compare with the sink's");
        }
        return new Result(seconds, records, Long.parseLong(summary.get(SnapshotSummary.TOTAL_DATA_FILES_PROP)),
                Long.parseLong(summary.get(SnapshotSummary.TOTAL_FILE_SIZE_PROP)), (int) StreamSupport.stream(table.snapshots().spliterator(), false).count());
    }

    private Table createTable(TableIdentifier id) {
        try {
            ((SupportsNamespaces) catalog).createNamespace(NAMESPACE);
        } catch (AlreadyExistsException e) {
            // created by an earlier run
        }
        // The same columns as the Avro schema: timestamp-millis becomes an Iceberg timestamp (no zone).
        return catalog.buildTable(id, AvroSchemaUtil.toIceberg(Event.getClassSchema()))
                .withPartitionSpec(PartitionSpec.unpartitioned())
                .withProperty(TableProperties.DEFAULT_FILE_FORMAT, "parquet")
                .withProperty(TableProperties.PARQUET_COMPRESSION, "snappy") // Iceberg's default since 1.4 is zstd
                .create();
    }

    private static long totalRecords(Table table) {
        table.refresh(); // one query to PostgreSQL; the metadata file is read only when the pointer moved
        Snapshot s = table.currentSnapshot();
        return s == null ? 0 : Long.parseLong(s.summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
    }

    private void deleteConnector(String name) throws Exception {
        FutureCallback<Herder.Created<ConnectorInfo>> deleted = new FutureCallback<>();
        connect.herder().deleteConnectorConfig(name, deleted);
        try {
            deleted.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof NotFoundException)) { // never created: its creation's error is the one to see
                throw e;
            }
        }
    }

    private void failIfAnyTaskFailed(String name) {
        ConnectorStateInfo state;
        try {
            state = connect.herder().connectorStatus(name);
        } catch (NotFoundException e) {
            return; // no status reported yet
        }
        if ("FAILED".equals(state.connector().state())) {
            throw new IllegalStateException(name + " failed: " + state.connector().trace());
        }
        for (ConnectorStateInfo.TaskState t : state.tasks()) {
            if ("FAILED".equals(t.state())) {
                throw new IllegalStateException(name + " task " + t.id() + " failed: " + t.trace());
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            connect.stop();
        } finally {
            AvroStructConverter.REGISTRIES.remove(registryKey);
            if (catalog instanceof Closeable c) {
                c.close();
            }
            Files.deleteIfExists(offsets);
        }
    }
}
