package dev.sluice.stream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.embedded.SearchService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.s3.Clicks;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.RecordingListener;
import dev.sluice.testkit.ServiceExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Elastic sink against a real search cluster: from Kafka through the stream runtime, and its
 * writer on its own. {@link ElasticSinkIT} runs these on OpenSearch, {@link ElasticSinkOnElasticsearchIT}
 * on Elasticsearch 9 where Docker runs.
 */
abstract class ElasticSinkTests {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();
    /** The cluster under test. */
    protected abstract SearchService node();

    static final Schema CODED = new Schema.Parser().parse("""
            {"type":"record","name":"Coded","namespace":"dev.sluice.test","fields":[
              {"name":"id","type":"long"},{"name":"code","type":"string"}]}""");

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void twoHundredThousandRecordsOverSixPartitionsBecomeExactlyTwoHundredThousandDocumentsWithTheirValues() throws Exception {
        String topic = unique("clicks");
        KAFKA.get().createTopic(topic, 6);
        ConfluentAvroCodec<GenericRecord> codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        int n = 200_000;
        Clicks.produce(KAFKA.get(), codec, topic, 6, 0, n, id -> false);
        ElasticSink<GenericRecord> sink = ElasticSink.of(ElasticConnection.of(node().url()), IndexNaming.daily(topic), Clicks.V1);

        String group = topic + "-group";
        StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder(topic, KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId(group).withTopics(topic))
                .config(StreamConfig.defaults().withWorkers(2)).to(sink);
        p.start();
        try {
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(180))).as("all committed").isTrue();
        } finally {
            p.close();
        }
        assertThat(p.lastError()).isEmpty();

        assertThat(node().count(topic + "-*")).isEqualTo(n);
        assertThat(node().count(topic + "-2026.11.01")).as("ids 0, 3, 6, ... on the first day").isEqualTo((n + 2) / 3);
        double expectedSum = 0;
        for (long id = 0; id < n; id++) {
            expectedSum += (id % 1000) / 10.0;
        }
        JsonNode aggs = Indices.search(node(), topic + "-*", """
                {"size":0,"aggs":{"amount":{"sum":{"field":"amount"}},"ids":{"cardinality":{"field":"id","precision_threshold":40000}},
                 "max":{"max":{"field":"id"}}}}""").path("aggregations");
        assertThat(aggs.path("amount").path("value").asDouble()).as("every amount as posted").isCloseTo(expectedSum, offset(0.5));
        assertThat(aggs.path("max").path("value").asLong()).isEqualTo(n - 1);
        JsonNode doc = Indices.get(node(), "/" + topic + "-2026.11.02/_doc/1").path("_source");
        assertThat(doc.path("user").asText()).isEqualTo("user-1");
        assertThat(doc.path("amount").asDouble()).isEqualTo(0.1);
        assertThat(Instant.parse(doc.path("ts").asText())).isEqualTo(Clicks.timeOf(1));
        String day = topic + "-2026.11.03";
        assertThat(Indices.mappedType(node(), day, "ts")).isEqualTo("date");
        assertThat(Indices.mappedType(node(), day, "user")).isEqualTo("keyword");
        assertThat(Indices.mappedType(node(), day, "id")).isEqualTo("long");
        assertThat(Indices.mappedType(node(), day, "amount")).isEqualTo("double");
    }

    @Test
    void documentsTheMappingRefusesGoToTheDeadLetterWithTheirBytesAndReasonWhileTheRestOfTheBulkIsIndexed() {
        String index = unique("coded");
        // An index made by someone else, with a mapping the schema contradicts: code is a number there.
        assertThat(node().request("PUT", "/" + index, "{\"mappings\":{\"properties\":{\"code\":{\"type\":\"long\"}}}}").status())
                .isEqualTo(200);
        CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();
        RecordingListener metrics = new RecordingListener();
        ElasticSink<GenericRecord> sink = ElasticSink.of(ElasticConnection.of(node().url()), IndexNaming.fixed(index), CODED);

        try (SinkWriter<GenericRecord> w = sink.createWriter(context(deadLetters, metrics))) {
            for (int i = 0; i < 100; i++) {
                w.write(record(i, i % 10 == 0 ? "not-a-number-" + i : Integer.toString(i)));
            }
            w.flush();
        }

        assertThat(node().count(index)).isEqualTo(90);
        assertThat(deadLetters.failures()).hasSize(10).allSatisfy(f -> {
            long id = Long.parseLong(new String(f.envelope().key(), StandardCharsets.UTF_8).substring(1));
            assertThat(id % 10).isZero();
            assertThat(new String(f.rawBytes(), StandardCharsets.UTF_8)).isEqualTo("raw-" + id);
            // OpenSearch and Elasticsearch 7 say mapper_parsing_exception, Elasticsearch 8+ document_parsing_exception.
            assertThat(f.cause()).hasMessageMatching("(?s).*400 (mapper|document)_parsing_exception.*\\[code].*");
            assertThat(f.reason()).matches("(mapper|document)_parsing_exception");
        });
        assertThat(metrics.recordsOut("elastic-sink:" + index)).isEqualTo(90);
    }

    @Test
    void tombstonesDeleteTheirDocumentsAndATombstoneWithoutAKeyIsADeadLetter() {
        String index = unique("tombstones");
        CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();
        ElasticSink<GenericRecord> sink = ElasticSink.of(ElasticConnection.of(node().url()), IndexNaming.fixed(index), CODED);

        try (SinkWriter<GenericRecord> w = sink.createWriter(context(deadLetters, new RecordingListener()))) {
            for (int i = 0; i < 20; i++) {
                w.write(record(i, "c" + i));
            }
            w.flush();
            for (int i = 0; i < 10; i++) {
                w.write(tombstone("k" + i, 100 + i));
            }
            w.write(tombstone("never-written", 200));
            w.write(Envelope.<GenericRecord>of(null, null, EnvelopeHeaders.empty(), new Position.Kafka("t", 0, 201), Instant.now(), new byte[0]));
            w.flush();
        }

        assertThat(node().count(index)).isEqualTo(10);
        assertThat(node().request("GET", "/" + index + "/_doc/k3", null).status()).isEqualTo(404);
        assertThat(node().request("GET", "/" + index + "/_doc/k13", null).status()).isEqualTo(200);
        assertThat(deadLetters.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("no_document_id");
            assertThat(f.cause()).hasMessageContaining("tombstone without a key");
        });
    }

    @Test
    void aWriteAliasGetsItsFirstIndexAndATemplateOnceAndWritesGoThroughIt() {
        String alias = unique("aliased");
        ElasticSink<GenericRecord> sink = ElasticSink.of(ElasticConnection.of(node().url()), IndexNaming.alias(alias), CODED);
        CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();

        for (int run = 0; run < 2; run++) { // the second writer finds the alias, the template and the index there already
            try (SinkWriter<GenericRecord> w = sink.createWriter(context(deadLetters, new RecordingListener()))) {
                for (int i = 0; i < 10; i++) {
                    w.write(record(run * 10 + i, "c" + i));
                }
                w.flush();
            }
        }

        assertThat(node().count(alias)).isEqualTo(20);
        assertThat(deadLetters.failures()).isEmpty();
        JsonNode aliases = Indices.get(node(), "/_alias/" + alias);
        assertThat(aliases.fieldNames()).toIterable().containsExactly(alias + "-000001");
        assertThat(aliases.path(alias + "-000001").path("aliases").path(alias).path("is_write_index").asBoolean()).isTrue();
        assertThat(Indices.mappedType(node(), alias + "-000001", "code")).as("the template's mapping").isEqualTo("keyword");
        assertThat(node().request("GET", "/_index_template/sluice-" + alias, null).status()).isEqualTo(200);
    }

    static SinkContext context(DeadLetterSink deadLetters, RecordingListener metrics) {
        return new SinkContext(new FailureHandler("elastic-it", ErrorPolicies.defaults(), deadLetters, metrics), metrics, 0);
    }

    static Envelope<GenericRecord> record(long id, String code) {
        GenericRecord r = new GenericData.Record(CODED);
        r.put("id", id);
        r.put("code", code);
        return Envelope.of(r, ("k" + id).getBytes(StandardCharsets.UTF_8), EnvelopeHeaders.empty(), new Position.Kafka("t", 0, id), Instant.now(),
                ("raw-" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Envelope<GenericRecord> tombstone(String key, long offset) {
        return Envelope.of(null, key.getBytes(StandardCharsets.UTF_8), EnvelopeHeaders.empty(), new Position.Kafka("t", 0, offset), Instant.now(), null);
    }
}
