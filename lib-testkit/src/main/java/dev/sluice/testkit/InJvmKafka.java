package dev.sluice.testkit;

import dev.sluice.embedded.KafkaService;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One combined KRaft broker+controller in this JVM, from Kafka's own test kit. */
final class InJvmKafka implements KafkaService {

    private static final Logger log = LoggerFactory.getLogger(InJvmKafka.class);

    private final KafkaClusterTestKit cluster;

    private InJvmKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static InJvmKafka start() {
        long t0 = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // The default is the newest, possibly unstable, metadata version.
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "3")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("log.cleaner.dedupe.buffer.size", Long.toString(2L * 1024 * 1024))
                    .setConfigProp("num.partitions", "1")
                    // Tests produce records stamped with fixed dates (November 2026): time retention
                    // (7 days by default) would delete them behind a consumer's back.
                    .setConfigProp("log.retention.ms", "-1")
                    .setDeleteOnClose(true)
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            log.info("In-JVM Kafka {} ready at {} in {} ms", org.apache.kafka.common.utils.AppInfoParser.getVersion(),
                    cluster.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
            return new InJvmKafka(cluster);
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("could not start the in-JVM Kafka broker: " + e, e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("In-JVM Kafka did not close cleanly", e);
        }
    }
}
