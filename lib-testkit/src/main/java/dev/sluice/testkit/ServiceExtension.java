package dev.sluice.testkit;

import dev.sluice.api.Require;
import dev.sluice.embedded.KRaftBroker;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.embedded.PinotCluster;
import dev.sluice.embedded.PostgresService;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.embedded.SearchService;
import dev.sluice.embedded.TrinoJava;
import dev.sluice.embedded.TrinoServer;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that provides one real service to a test class, started on first use and
 * shared by every test class of the run (a broker or registry is too slow to start per class), then
 * closed when the run ends. Tests keep to their own topics, buckets and schemas.
 *
 * <!-- examples/src/test/java/dev/sluice/examples/javadoc/SharedBrokerExampleIT.java#snippet -->
 * <pre>{@code
 * @RegisterExtension
 * static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
 * }</pre>
 * Its tests reach the service through {@code KAFKA.get()}. A test that needs a private instance (to stop it, say) calls {@link Services} (or starts a {@link KRaftBroker}) itself.
 */
public final class ServiceExtension<S extends AutoCloseable> implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServiceExtension.class);

    private final String key;
    private final Supplier<S> starter;
    /** Why the service cannot run on this machine (the test class is skipped), or empty. */
    private final Supplier<Optional<String>> cannotRun;
    private volatile S service;

    private ServiceExtension(String key, Supplier<S> starter) {
        this(key, starter, Optional::empty);
    }

    private ServiceExtension(String key, Supplier<S> starter, Supplier<Optional<String>> cannotRun) {
        this.key = Require.nonBlank(key, "key");
        this.starter = Require.nonNull(starter, "starter");
        this.cannotRun = cannotRun;
    }

    public static ServiceExtension<KafkaService> kafka() {
        return new ServiceExtension<>("kafka", Services::kafka);
    }

    public static ServiceExtension<S3Service> s3() {
        return new ServiceExtension<>("s3", Services::s3);
    }

    public static ServiceExtension<PostgresService> postgres() {
        return new ServiceExtension<>("postgres", Services::postgres);
    }

    public static ServiceExtension<SchemaRegistryService> schemaRegistry() {
        return new ServiceExtension<>("schema-registry", Services::registry);
    }

    /** Pinot in a child JVM; see {@link PinotCluster} for where its runtime comes from. */
    public static ServiceExtension<PinotCluster> pinot() {
        return new ServiceExtension<>("pinot", PinotCluster::start);
    }

    /** An OpenSearch node in a child JVM; see {@link OpenSearchServer} for where its runtime comes from. */
    public static ServiceExtension<OpenSearchServer> openSearch() {
        return new ServiceExtension<>("opensearch", OpenSearchServer::start);
    }

    /**
     * Elasticsearch 9 in Testcontainers: where no Docker engine answers the test class is skipped,
     * and the OpenSearch variant of the same tests ({@link #openSearch()}) is what runs.
     */
    public static ServiceExtension<SearchService> elasticsearchContainer() {
        return new ServiceExtension<>("elasticsearch-container", ContainerElasticsearch::start, () -> Docker.available() ? Optional.empty()
                : Optional.of("no Docker engine: Elasticsearch 9 runs in Testcontainers only; the OpenSearch variant of these tests runs"));
    }

    /**
     * A Trino server shared under {@code key} (each key its own catalogs). Trino 476 needs a JDK 24+:
     * where {@link TrinoJava} finds none the test class is skipped, saying what was looked for.
     */
    public static ServiceExtension<TrinoServer> trino(String key, Supplier<TrinoServer> starter) {
        return new ServiceExtension<>(key, starter, () -> TrinoJava.find().isPresent() ? Optional.empty() : Optional.of(TrinoJava.notFound()));
    }

    /** Any other service, shared under {@code key}. */
    public static <S extends AutoCloseable> ServiceExtension<S> of(String key, Supplier<S> starter) {
        return new ServiceExtension<>(key, starter);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void beforeAll(ExtensionContext context) {
        cannotRun.get().ifPresent(why -> Assumptions.abort("skipped: " + why));
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        service = (S) store.getOrComputeIfAbsent(key, k -> new Shared<>(starter.get()), Shared.class).service;
    }

    /** The running service; only valid inside the test class that registered this extension. */
    public S get() {
        S s = service;
        if (s == null) {
            throw new IllegalStateException("service " + key + " not started: register the extension with @RegisterExtension on a static field");
        }
        return s;
    }

    /**
     * Closed by JUnit when the root context closes, i.e. at the end of the run. Both interfaces:
     * JUnit 5.13 closes AutoCloseable values and still honours the older CloseableResource.
     */
    @SuppressWarnings("deprecation")
    private record Shared<S extends AutoCloseable>(S service) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            service.close();
        }
    }
}
