package dev.sluice.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (broker and controller in one) in this JVM that can be stopped and
 * started again on the same ports and data: the embedded default's broker, and the tests' for what
 * happens while Kafka is down. Its data directory is deleted on {@link #close()}. For tests that
 * never stop the broker, lib-testkit's {@code Services.kafka()} (Kafka's test kit) starts faster.
 */
public final class KRaftBroker implements KafkaService {

    private static final Logger log = LoggerFactory.getLogger(KRaftBroker.class);

    private final Path dir;
    private final Properties config;
    private final String bootstrap;
    private KafkaRaftServer server;

    private KRaftBroker(Path dir, Properties config, String bootstrap) {
        this.dir = dir;
        this.config = config;
        this.bootstrap = bootstrap;
    }

    /** Formats a fresh data directory, picks two free loopback ports and starts. */
    public static KRaftBroker start() {
        try {
            Path dir = Files.createTempDirectory("sluice-kraft-");
            int brokerPort = Ports.free();
            int controllerPort = Ports.free();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", dir.toString());
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "3");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            // Kafka's 50 transaction-state partitions (3 for offsets, above) cost a single node's start and stop for nothing.
            p.put("transaction.state.log.num.partitions", "3");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("log.cleaner.dedupe.buffer.size", Long.toString(2L * 1024 * 1024)); // the default allocates 128 MB
            p.put("auto.create.topics.enable", "false");
            // Records stamped with fixed past dates (the demo's and the tests') must not be deleted by time retention.
            p.put("log.retention.ms", "-1");
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(dir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName("CONTROLLER")
                    .run();
            KRaftBroker broker = new KRaftBroker(dir, p, "127.0.0.1:" + brokerPort);
            broker.startAgain();
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the KRaft broker: " + e, e);
        }
    }

    /** Stops the broker (a clean shutdown); its ports close, its data stays. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("KRaft broker at {} stopped", bootstrap);
        }
    }

    /** Starts the stopped broker again on the same ports and data, and waits until it answers. */
    public synchronized void startAgain() {
        if (server != null) {
            return;
        }
        long t0 = System.nanoTime();
        server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("KRaft broker at " + bootstrap + " did not answer after starting: " + e, e);
        }
        log.info("KRaft broker ready at {} in {} ms", bootstrap, (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
