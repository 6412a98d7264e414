package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.Stage;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.S3Service;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.GroupProgress;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 sink in a stream pipeline, against the in-JVM Kafka broker, S3 server and schema registry. */
class S3SinkIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    static final String BUCKET = "s3-sink-it";

    @BeforeAll
    static void bucket() {
        S3.get().createBucket(BUCKET);
    }

    static S3Sink<GenericRecord> sink(String prefix) {
        return S3Sink.<GenericRecord>of(S3Files.connection(S3.get()), BUCKET, prefix)
                .withPartitioning(Partitioning.byRecordTime("'dt='yyyy-MM-dd"))
                .withRotation(Rotation.defaults().withMaxRecords(50_000).withRecordTimeSpan(Duration.ZERO).withIdleTimeout(Duration.ofSeconds(2)));
    }

    /** Runs a pipeline from {@code topic} into {@code sink} until the group committed everything, then closes it. */
    static void runToEnd(String topic, ConfluentAvroCodec<GenericRecord> codec, S3Sink<GenericRecord> sink, SimpleMeterRegistry meters)
            throws InterruptedException {
        String group = topic + "-group";
        StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder(topic, KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId(group).withTopics(topic))
                .listener(new MicrometerPipelineListener(meters, topic))
                .config(StreamConfig.defaults().withWorkers(2))
                .to(sink);
        p.start();
        try {
            assertThat(GroupProgress.awaitCaughtUp(KAFKA.get(), group, topic, Duration.ofSeconds(120))).as("all committed").isTrue();
        } finally {
            p.close();
        }
        assertThat(p.lastError()).isEmpty();
    }

    @Test
    void halfAMillionRecordsOverSixPartitionsAndThreeDatesLandExactlyOnceInParquet() throws Exception {
        String topic = "clicks-" + UUID.randomUUID().toString().substring(0, 6);
        KAFKA.get().createTopic(topic, 6);
        ConfluentAvroCodec<GenericRecord> codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        int n = 500_000;
        Clicks.produce(KAFKA.get(), codec, topic, 6, 0, n, id -> false);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        runToEnd(topic, codec, sink(topic + "/"), meters);

        List<S3Files.DataFile> files = S3Files.read(S3.get(), BUCKET, topic + "/");
        List<GenericRecord> rows = S3Files.rows(files);
        Set<Long> ids = rows.stream().map(r -> (Long) r.get("id")).collect(Collectors.toSet());
        assertThat(rows).as("one row per record").hasSize(n);
        assertThat(ids).as("every record").hasSize(n).allMatch(id -> id >= 0 && id < n);
        for (S3Files.DataFile f : files) {
            assertThat(f.key()).matches(topic + "/" + topic + "/dt=2026-11-0[123]/" + topic + "\\+[0-5]\\+\\d{19}\\.parquet");
            String dt = f.key().replaceAll(".*/dt=([0-9-]+)/.*", "$1");
            for (GenericRecord r : f.rows()) {
                long id = (Long) r.get("id");
                // parquet-avro reads TIMESTAMP(MICROS) back as an Instant: equal only if the millis were scaled right.
                assertThat(r.get("ts")).as("ts of %d", id).isEqualTo(Clicks.timeOf(id));
                assertThat(Clicks.timeOf(id).atZone(ZoneOffset.UTC).toLocalDate()).hasToString(dt);
            }
            PrimitiveType ts = f.parquetSchema().getType("ts").asPrimitiveType();
            assertThat(ts.getPrimitiveTypeName()).isEqualTo(PrimitiveType.PrimitiveTypeName.INT64);
            assertThat(ts.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        }
        double filesMetered = meters.find("sluice.sink.files").counters().stream().mapToDouble(c -> c.count()).sum();
        // A rebalance while the second worker joins hands partitions over mid-segment: the new owner
        // rewrites those files under the same keys, so uploads can outnumber the objects.
        assertThat(filesMetered).as("sluice.sink.files counts every upload").isGreaterThanOrEqualTo(files.size());
        assertThat(meters.find("sluice.sink.bytes").counter().count()).isPositive();
    }

    @Test
    void interleavedSchemaVersionsMakeNoMoreFilesThanOneVersion() throws Exception {
        int n = 60_000;
        String single = "single-" + UUID.randomUUID().toString().substring(0, 6);
        String mixed = "mixed-" + UUID.randomUUID().toString().substring(0, 6);
        KAFKA.get().createTopic(single, 3);
        KAFKA.get().createTopic(mixed, 3);
        ConfluentAvroCodec<GenericRecord> singleCodec = Clicks.codec(REGISTRY.get(), single + "-value");
        ConfluentAvroCodec<GenericRecord> mixedCodec = Clicks.codec(REGISTRY.get(), mixed + "-value");
        Clicks.produce(KAFKA.get(), singleCodec, single, 3, 0, n, id -> true);
        Clicks.produce(KAFKA.get(), mixedCodec, mixed, 3, 0, n, id -> id % 2 == 0);

        S3Sink<GenericRecord> avro = sink("").withFormat(FileFormat.AVRO).withRotation(Rotation.defaults().withMaxRecords(10_000)
                .withRecordTimeSpan(Duration.ZERO).withIdleTimeout(Duration.ofSeconds(2)));
        runToEnd(single, singleCodec, avro.withTable(single), new SimpleMeterRegistry());
        runToEnd(mixed, mixedCodec, avro.withTable(mixed), new SimpleMeterRegistry());

        List<S3Files.DataFile> singleFiles = S3Files.read(S3.get(), BUCKET, single + "/");
        List<S3Files.DataFile> mixedFiles = S3Files.read(S3.get(), BUCKET, mixed + "/");
        assertThat(mixedFiles).as("files of the mixed run").hasSizeLessThanOrEqualTo(singleFiles.size());
        List<GenericRecord> rows = S3Files.rows(mixedFiles);
        assertThat(rows).hasSize(n);
        assertThat(rows.stream().map(r -> (Long) r.get("id")).collect(Collectors.toSet())).hasSize(n);
        for (GenericRecord r : rows) {
            long id = (Long) r.get("id");
            assertThat(r.getSchema().getField("country")).as("every file in the newest schema").isNotNull();
            assertThat(r.get("country")).hasToString(id % 2 == 0 ? "c" + (id % 7) : "unknown");
        }
    }

    @Test
    void anIdlePartitionsFilesAreClosedWhileAnotherKeepsReceiving() throws Exception {
        String topic = "idle-" + UUID.randomUUID().toString().substring(0, 6);
        KAFKA.get().createTopic(topic, 2);
        ConfluentAvroCodec<GenericRecord> codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        Clicks.produce(KAFKA.get(), codec, topic, 1, 0, 100, id -> false); // all to partition 0
        String group = topic + "-group";
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        S3Sink<GenericRecord> sink = sink(topic + "/").withRotation(Rotation.defaults().withRecordTimeSpan(Duration.ZERO).withIdleTimeout(Duration.ofSeconds(2)));
        StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder(topic, KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId(group).withTopics(topic))
                .listener(new MicrometerPipelineListener(meters, topic)).to(sink);
        p.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long id = 1_000_000;
            while (committed(group, topic, 0) < 100 && System.nanoTime() < deadline) {
                // Partition 1 keeps receiving, so only partition 0 goes idle.
                Topics.produce(KAFKA.get(), List.of(new ProducerRecord<>(topic, 1, System.currentTimeMillis(), null, codec.encode(Clicks.click(id++, false)))));
                Thread.sleep(100);
            }
            assertThat(committed(group, topic, 0)).as("partition 0 committed after its idle files closed").isEqualTo(100);
            assertThat(committed(group, topic, 1)).as("partition 1 still open: nothing of it committed").isZero();
            assertThat(S3Files.rows(S3Files.read(S3.get(), BUCKET, topic + "/"))).hasSize(100);
            assertThat(meters.find("sluice.sink.files").tag("reason", "idle").counter().count()).isPositive();
        } finally {
            p.close();
        }
    }

    @Test
    void tombstonesBecomeMarkerRows() throws Exception {
        String topic = "tomb-" + UUID.randomUUID().toString().substring(0, 6);
        KAFKA.get().createTopic(topic, 1);
        ConfluentAvroCodec<GenericRecord> codec = Clicks.codec(REGISTRY.get(), topic + "-value");
        long day2 = Duration.ofDays(2).toMillis();
        Topics.produce(KAFKA.get(), List.of(
                new ProducerRecord<>(topic, 0, 500L, "z".getBytes(), (byte[]) null),       // first in its file
                new ProducerRecord<>(topic, 0, 1_000L, "a".getBytes(), codec.encode(Clicks.click(1, false))),
                new ProducerRecord<>(topic, 0, 2_000L, "a".getBytes(), (byte[]) null),
                new ProducerRecord<>(topic, 0, 3_000L, "b".getBytes(), codec.encode(Clicks.click(2, false))),
                new ProducerRecord<>(topic, 0, day2, "y".getBytes(), (byte[]) null)));     // alone in its file
        runToEnd(topic, codec, sink(topic + "/").withTombstones(Tombstones.MARKER), new SimpleMeterRegistry());

        List<S3Files.DataFile> files = S3Files.read(S3.get(), BUCKET, topic + "/");
        List<GenericRecord> rows = S3Files.rows(files);
        Map<Boolean, List<GenericRecord>> byDeleted = rows.stream().collect(Collectors.partitioningBy(r -> (Boolean) r.get("__deleted")));
        assertThat(byDeleted.get(false)).extracting(r -> r.get("id")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(byDeleted.get(true)).extracting(r -> key(r)).containsExactlyInAnyOrder("z", "a", "y");
        assertThat(byDeleted.get(true)).allSatisfy(t -> assertThat(t.getSchema().getField("id") == null || t.get("id") == null).isTrue());
        assertThat(rows).extracting(r -> key(r)).containsExactlyInAnyOrder("z", "a", "a", "b", "y");
        assertThat(files).filteredOn(f -> f.key().contains("dt=1970-01-03")).singleElement()
                .satisfies(f -> assertThat(f.rows().get(0).getSchema().getFields()).extracting(Schema.Field::name)
                        .as("a file of tombstones only has just the marker columns").containsExactly("__deleted", "__key"));
    }

    @Test
    void aFileLargerThanAPartGoesUpInPartsAndReadsBackWhole() {
        Schema blob = SchemaBuilder.record("Blob").fields().requiredLong("id").requiredBytes("payload").endRecord();
        Random random = new Random(7);
        S3Sink<GenericRecord> sink = sink("multipart-" + UUID.randomUUID().toString().substring(0, 6) + "/").withFormat(FileFormat.AVRO)
                .withPartitioning(Partitioning.none()).withBuffering(Buffering.defaults().withPartSize(5 << 20));
        var failures = new FailureHandler("multipart", ErrorPolicies.defaults(),
                DeadLetterSink.none(), PipelineListener.noop());
        try (var w = sink.createWriter(new SinkContext(failures, PipelineListener.noop(), 0))) {
            for (int i = 0; i < 6_000; i++) {
                byte[] payload = new byte[2_000]; // incompressible: the file stays about 12 MB
                random.nextBytes(payload);
                GenericRecord r = new GenericData.Record(blob);
                r.put("id", (long) i);
                r.put("payload", ByteBuffer.wrap(payload));
                w.write(Envelope.of(r, null, EnvelopeHeaders.empty(), new Position.Kafka("blobs", 0, i),
                        Instant.EPOCH, null));
            }
            w.flush();
        }
        List<String> keys = S3Files.keys(S3.get(), BUCKET, sink.prefix()).stream().filter(k -> k.endsWith(".avro")).toList();
        assertThat(keys).singleElement().asString().endsWith("blobs+0+0000000000000000000.avro");
        try (var c = S3.get().client()) {
            var head = c.headObject(b -> b.bucket(BUCKET).key(keys.get(0)));
            assertThat(head.contentLength()).isGreaterThan(10L << 20);
            assertThat(head.eTag()).as("a multipart object's ETag ends in -<parts>").matches("\"?[0-9a-f]+-3\"?");
        }
        List<GenericRecord> rows = S3Files.rows(S3Files.read(S3.get(), BUCKET, sink.prefix()));
        assertThat(rows).extracting(r -> r.get("id")).containsExactlyElementsOf(LongStream.range(0, 6_000).boxed().toList());
    }

    @Test
    void everyCompressionInBothFormatsReadsBack() {
        for (FileFormat format : FileFormat.values()) {
            for (Compression compression : Compression.values()) {
                S3Sink<GenericRecord> sink = sink(format + "-" + compression + "-" + UUID.randomUUID().toString().substring(0, 6) + "/")
                        .withFormat(format).withCompression(compression).withPartitioning(Partitioning.none());
                assertThat(writeDirectly(sink, 500, PipelineListener.noop())).as("%s %s", format, compression).hasSize(500);
            }
        }
    }

    @Test
    void filesCloseByRecordCountBytesAndRecordTime() {
        // Uploads finish in any order: compare reasons as multisets.
        assertThat(closeReasons(Rotation.defaults().withMaxRecords(100).withRecordTimeSpan(Duration.ZERO), 250))
                .containsExactlyInAnyOrder("records", "records", "flush");
        List<String> bySize = closeReasons(Rotation.defaults().withMaxBytes(2_000).withRecordTimeSpan(Duration.ZERO), 250);
        assertThat(bySize).containsOnly("bytes", "flush").containsOnlyOnce("flush");
        assertThat(bySize.size()).as("about 8 KB of records in files of 2 KB").isGreaterThan(2);
        // One record every 10 minutes of record time: a file spans less than an hour, six records.
        assertThat(closeReasons(Rotation.defaults().withRecordTimeSpan(Duration.ofHours(1)), 13))
                .containsExactlyInAnyOrder("record-time", "record-time", "flush");
    }

    /** Writes four keyed records of one partition, the third a tombstone, with the default policies; answers the rows read back. */
    private static List<GenericRecord> writeWithATombstone(Tombstones tombstones, DeadLetterSink deadLetters, SimpleMeterRegistry meters) {
        S3Sink<GenericRecord> sink = sink("tomb-" + tombstones + "-" + UUID.randomUUID().toString().substring(0, 6) + "/")
                .withFormat(FileFormat.AVRO).withPartitioning(Partitioning.none()).withTombstones(tombstones);
        var metrics = new MicrometerPipelineListener(meters, "tombstones");
        var failures = new FailureHandler("tombstones", ErrorPolicies.defaults(), deadLetters, metrics);
        try (var w = sink.createWriter(new SinkContext(failures, metrics, 0))) {
            for (int i = 0; i < 4; i++) {
                GenericRecord value = i == 2 ? null : Clicks.click(i, false);
                w.write(Envelope.of(value, ("k" + i).getBytes(StandardCharsets.UTF_8), EnvelopeHeaders.empty(), new Position.Kafka("tp", 0, i),
                        Instant.EPOCH, null));
            }
            w.flush();
        }
        return S3Files.rows(S3Files.read(S3.get(), BUCKET, sink.prefix()));
    }

    /** Writes {@code n} clicks of one partition (record time 10 minutes apart), flushes, and answers why each file closed. */
    private static List<String> closeReasons(Rotation rotation, int n) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        S3Sink<GenericRecord> sink = sink("rotation-" + UUID.randomUUID().toString().substring(0, 6) + "/").withFormat(FileFormat.AVRO)
                .withPartitioning(Partitioning.none()).withRotation(rotation);
        assertThat(writeDirectly(sink, n, new MicrometerPipelineListener(meters, "rotation"))).as("every record once").hasSize(n);
        List<String> reasons = new ArrayList<>();
        meters.find("sluice.sink.files").counters().forEach(c -> {
            for (int i = 0; i < c.count(); i++) {
                reasons.add(c.getId().getTag("reason"));
            }
        });
        return reasons;
    }

    @Test
    void skippedTombstonesAreCountedAsSkipsWithTheirReason() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();
        assertThat(writeWithATombstone(Tombstones.SKIP, deadLetters, meters)).extracting(r -> r.get("id")).containsExactly(0L, 1L, 3L);
        assertThat(deadLetters.failures()).isEmpty();
        assertThat(meters.find("sluice.failures").tag("decision", "skip_and_count").tag("reason", "tombstone").counter().count()).isEqualTo(1);
    }

    @Test
    void withTombstonesToThePolicyATombstoneIsADeadLetterWithItsKeyAndTheOtherRecordsAreWritten() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CollectingDeadLetterSink deadLetters = new CollectingDeadLetterSink();
        assertThat(writeWithATombstone(Tombstones.POLICY, deadLetters, meters)).extracting(r -> r.get("id")).containsExactly(0L, 1L, 3L);
        assertThat(deadLetters.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("tombstone");
            assertThat(f.stage()).isEqualTo(Stage.SINK);
            assertThat(new String(f.envelope().key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        });
        assertThat(meters.find("sluice.failures").tag("decision", "dead_letter").tag("reason", "tombstone").counter().count()).isEqualTo(1);
    }

    /** Drives a writer without a pipeline: {@code n} clicks of one partition, then flush; answers the rows read back. */
    private static List<GenericRecord> writeDirectly(S3Sink<GenericRecord> sink, int n, PipelineListener listener) {
        var failures = new FailureHandler("direct", ErrorPolicies.defaults(), DeadLetterSink.none(), listener);
        try (var w = sink.createWriter(new SinkContext(failures, listener, 0))) {
            for (int i = 0; i < n; i++) {
                w.write(Envelope.of(Clicks.click(i, false), null, EnvelopeHeaders.empty(), new Position.Kafka("direct", 0, i),
                        Instant.EPOCH.plus(Duration.ofMinutes(10L * i)), null));
            }
            w.flush();
        }
        return S3Files.rows(S3Files.read(S3.get(), BUCKET, sink.prefix()));
    }

    private static String key(GenericRecord r) {
        return new String(((ByteBuffer) r.get("__key")).array(), StandardCharsets.UTF_8);
    }

    private static long committed(String group, String topic, int partition) {
        return GroupProgress.committed(KAFKA.get(), group).getOrDefault(new TopicPartition(topic, partition), 0L);
    }
}
