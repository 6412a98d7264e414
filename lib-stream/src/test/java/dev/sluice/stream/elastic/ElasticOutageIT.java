package dev.sluice.stream.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.Decision;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.OpenSearchServer;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.s3.Clicks;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.RecordingListener;
import dev.sluice.testkit.ServiceExtension;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elastic sink when the cluster pushes back or goes away: a private OpenSearch node with one
 * write thread and a write queue of one (so concurrent bulks are refused with 429), stopped and
 * started again under load.
 */
class ElasticOutageIT {

    private static final Logger log = LoggerFactory.getLogger(ElasticOutageIT.class);

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    static OpenSearchServer node;

    @BeforeAll
    static void startNode() {
        node = OpenSearchServer.start(Map.of("thread_pool.write.size", "1", "thread_pool.write.queue_size", "1"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aTinyWriteQueueRefusesItemsWith429AndEveryRecordIsStillIndexedOnce() {
        String index = ElasticSinkTests.unique("crowded");
        CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();
        RecordingListener metrics = new RecordingListener();
        ElasticSink<GenericRecord> sink = ElasticSink.<GenericRecord>of(ElasticConnection.of(node.url()), IndexNaming.fixed(index), ElasticSinkTests.CODED)
                .withBulking(Bulking.defaults().withMaxRecords(100).withMaxInFlight(6).withRetries(Duration.ofMillis(20), Duration.ofSeconds(1), 30));
        int n = 20_000;
        try (SinkWriter<GenericRecord> w = sink.createWriter(ElasticSinkTests.context(deadLetters, metrics))) {
            for (int i = 0; i < n; i++) {
                w.write(ElasticSinkTests.record(i, "c" + i));
                if (i % 5_000 == 4_999) {
                    w.flush();
                }
            }
            w.flush();
        }

        assertThat(node.count(index)).isEqualTo(n);
        assertThat(deadLetters.failures()).isEmpty();
        assertThat(metrics.decisions()).as("items refused for load, retried alone").isNotEmpty().allSatisfy(d -> {
            assertThat(d.decision()).isEqualTo(Decision.RETRY);
            assertThat(d.failure().reason()).matches("(.*rejected_execution_exception|http_429)");
        });
        assertThat(metrics.recordsOut("elastic-sink:" + index)).as("each document counted once").isEqualTo(n);
        log.info("{} retried item sends for {} documents", metrics.count(Decision.RETRY), n);
    }

    @Test
    void theNodeStoppedForThirtySecondsUnderLoadLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = ElasticSinkTests.unique("outage");
        KAFKA.get().createTopic(topic, 4);
        ConfluentAvroCodec<GenericRecord> codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        Clicks.produce(KAFKA.get(), codec, topic, 4, 0, 30_000, id -> false);
        // Retries give up after about 4 s here (35 s by default), so the outage outlasts them and the circuit opens.
        ElasticSink<GenericRecord> sink = ElasticSink.<GenericRecord>of(ElasticConnection.of(node.url()).withRequestTimeout(Duration.ofSeconds(5)),
                IndexNaming.fixed(topic), Clicks.V1).withBulking(Bulking.defaults().withRetries(Duration.ofMillis(100), Duration.ofSeconds(1), 6));
        String group = topic + "-group";
        StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder(topic, KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId(group).withTopics(topic))
                .config(StreamConfig.defaults().withWorkers(2)).to(sink);
        p.start();
        boolean caughtUp;
        boolean healthyDuringOutage;
        boolean healthyAfter;
        try {
            waitUntil(() -> countOrZero(topic) >= 10_000, Duration.ofSeconds(60));
            node.stop();
            Clicks.produce(KAFKA.get(), codec, topic, 4, 30_000, 60_000, id -> false);
            healthyDuringOutage = true;
            for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; ) {
                healthyDuringOutage &= p.isHealthy();
                Thread.sleep(100);
            }
            node.restart();
            caughtUp = GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(180));
            healthyAfter = p.isHealthy();
        } finally {
            p.close();
        }

        assertThat(caughtUp).as("all committed").isTrue();
        assertThat(healthyDuringOutage).as("the sink's circuit opened while the node was away").isFalse();
        assertThat(healthyAfter).as("the pipeline waited for the node instead of failing, and closed its circuit").isTrue();
        // The last opening is the node away (no answer) or the node back but its shards not yet
        // assigned (it answers, refusing every item with 503): both are the outage, both retriable.
        assertThat(p.lastError()).as("what opened the circuit").hasValueSatisfying(e -> assertThat(e)
                .isInstanceOf(RetriableException.class).message().containsAnyOf("_bulk failed after", "documents still refused for load"));
        assertThat(node.count(topic)).isEqualTo(60_000);
        JsonNode ids = Indices.search(node, topic, "{\"size\":0,\"aggs\":{\"ids\":{\"cardinality\":{\"field\":\"id\",\"precision_threshold\":40000}},"
                + "\"min\":{\"min\":{\"field\":\"id\"}},\"max\":{\"max\":{\"field\":\"id\"}}}}").path("aggregations");
        assertThat(ids.path("min").path("value").asLong()).isZero();
        assertThat(ids.path("max").path("value").asLong()).isEqualTo(59_999);
    }

    /** The index's count, 0 before the sink's first writer has created it. */
    private static long countOrZero(String index) {
        return node.request("HEAD", "/" + index, null).status() == 200 ? node.count(index) : 0;
    }

    private static void waitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
