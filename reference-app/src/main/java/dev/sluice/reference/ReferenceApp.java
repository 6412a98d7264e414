package dev.sluice.reference;

import dev.sluice.embedded.ChildProcesses;
import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.embedded.PinotCluster;
import dev.sluice.embedded.S3ProxyServer;
import dev.sluice.embedded.SchemaRegistryService;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The reference pipeline. With {@code --role ... --config FILE} it runs one part against the
 * endpoints a config file and the environment name ({@link Roles}); without, the whole pipeline on
 * its embedded default: a real KRaft broker and an S3 server in this JVM, a schema registry,
 * Pinot and OpenSearch in child JVMs, embedded PostgreSQL behind the demo's orders service, and Spark local, all
 * wired through the same {@link AppConfig} and stages a deployment uses ({@link Demo}).
 */
public final class ReferenceApp {

    private ReferenceApp() {}

    public static void main(String[] args) throws Exception {
        boolean ok;
        try {
            ok = RoleOptions.isRoleRun(args) ? runRole(RoleOptions.parse(Clock.systemUTC(), args)) : run(DemoOptions.parse(args), System.out, StopSignal.onInterrupt(System.out, ChildProcesses::killAll));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage()); // a bad option or setting, named; never a secret's value
            System.exit(2);
            return;
        } catch (Throwable e) {
            // Exit, not return: a service half started (a broker's threads) would keep the JVM alive with nothing left to stop it.
            e.printStackTrace();
            System.exit(1);
            return;
        }
        ProcessExit.exit(ok ? 0 : 1);
    }

    /** One role, configured by its file and the environment, until it is done or the process is asked to stop (SIGTERM). */
    private static boolean runRole(RoleOptions options) throws Exception {
        AppConfig config = new ConfigLoader(System::getenv).load(options.config());
        StopSignal stop = StopSignal.onShutdown();
        try {
            return new Roles(config, System.out).run(options, stop::requested);
        } finally {
            stop.finished();
        }
    }

    /** Runs the demo on the embedded default, unstoppable but by its end (a test's run); true when every event is accounted for. */
    static boolean run(DemoOptions options, PrintStream out) throws Exception {
        return run(options, out, StopSignal.never());
    }

    /** Runs the demo until its end or {@code stop}; true when every event is accounted for. */
    static boolean run(DemoOptions options, PrintStream out, StopSignal stop) throws Exception {
        long t0 = System.nanoTime();
        out.println("sluice reference app: starting the embedded default (in-JVM Kafka, S3 on a local directory)");
        emptyDirectory(options.lake());
        emptyDirectory(options.checkpoints());
        // Parquet's first file pays for parquet-java's classes, snappy's native library and Hadoop's configuration: here, while
        // Kafka and the services start, not in a stop soon after the pipelines start (the raw zone's writer would do it then).
        CompletableFuture.runAsync(RawZone::warmUp);
        // Once the demo has closed its stages, nothing left needs another: Kafka, S3 and the child services close together.
        try (ParallelClose services = new ParallelClose()) {
            EmbeddedKafka kafka = services.add(EmbeddedKafka.start());
            S3ProxyServer s3 = services.add(S3ProxyServer.start(options.lake()));
            OrdersService orders = services.add(OrdersService.start());
            SchemaRegistryService registry = services.add(SchemaRegistryService.start());
            s3.createBucket(Demo.BUCKET);
            out.printf("  registry    %s (Apicurio, child JVM)%n", registry.url());
            out.printf("  kafka       %s (KRaft, in this JVM) in %d ms%n", kafka.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
            out.printf("  s3          %s (S3Proxy, in this JVM), objects under %s%n", s3.endpoint(), options.lake().toAbsolutePath());
            out.printf("  orders      PostgreSQL (embedded) on port %d, orders API at %s%n", orders.database().port(), orders.listingUrl());
            for (String topic : Stream.concat(Roles.CLICK_TOPICS.stream(), Roles.ORDER_TOPICS.stream()).toList()) {
                kafka.createTopic(topic, options.partitions());
            }
            Optional<PinotCluster> pinot = startPinot(out).map(services::add);
            Optional<OpenSearchServer> search = startOpenSearch(out).map(services::add);
            Supplier<EmbeddedTrino.Started> trino = () -> EmbeddedTrino.start(EmbeddedTrino.environment(Demo.BUCKET, s3.endpoint(),
                    s3.accessKey(), s3.secretKey(), orders.database(), pinot.map(p -> URI.create(p.controllerUrl()).getAuthority()).orElse(null)), stop::requested);
            AppConfig config = embeddedConfig(options, kafka, s3, orders, registry, pinot, search);
            return new Demo(config, options, out, trino, search, stop).run(orders);
        }
    }

    /** The embedded services as settings: the same record a deployment's config file gives. */
    private static AppConfig embeddedConfig(DemoOptions options, EmbeddedKafka kafka, S3ProxyServer s3, OrdersService orders,
                                            SchemaRegistryService registry, Optional<PinotCluster> pinot, Optional<OpenSearchServer> search) {
        var db = orders.database();
        return new AppConfig(
                new AppConfig.Kafka(kafka.bootstrapServers(), options.partitions(), Map.of()),
                new AppConfig.Registry(URI.create(registry.url()), null, null),
                new AppConfig.Lake(Demo.BUCKET, "us-east-1", s3.endpoint(), s3.accessKey(), Secret.of(s3.secretKey())),
                new AppConfig.Ingest("127.0.0.1", options.port(), null),
                new AppConfig.Orders(orders.listingUrl(), null, new AppConfig.Database("postgres", db.host(), db.port(), db.database(),
                        db.username(), Secret.of(db.password()), List.of("public." + OrdersService.TABLE))),
                pinot.map(p -> new AppConfig.Pinot(URI.create(p.controllerUrl()), URI.create(p.brokerUrl()))).orElse(null), null,
                search.map(s -> new AppConfig.Elastic(URI.create(s.url()), null, null, null, null)).orElse(null),
                new AppConfig.Lineage(null, null, options.lineage()), null);
    }

    /** Starts Pinot when its runtime is built, or says plainly why it is skipped. */
    private static Optional<PinotCluster> startPinot(PrintStream out) {
        try {
            PinotCluster cluster = PinotCluster.start();
            out.printf("  pinot       controller %s, broker %s (Pinot 0.11, child JVM)%n", cluster.controllerUrl(), cluster.brokerUrl());
            return Optional.of(cluster);
        } catch (RuntimeException e) {
            out.printf("  pinot       skipped: %s%n", e.getMessage());
            return Optional.empty();
        }
    }

    /** Starts the search node when its runtime is built, or says plainly why it is skipped. */
    private static Optional<OpenSearchServer> startOpenSearch(PrintStream out) {
        try {
            OpenSearchServer node = OpenSearchServer.start();
            out.printf("  opensearch  %s (OpenSearch 2.19, child JVM)%n", node.url());
            return Optional.of(node);
        } catch (RuntimeException e) {
            out.printf("  opensearch  skipped: %s%n", e.getMessage().lines().findFirst().orElse(e.toString()));
            return Optional.empty();
        }
    }

    private static void emptyDirectory(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
