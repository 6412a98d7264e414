package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Transform;
import dev.sluice.api.codec.SingleObjectAvroCodec;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.ErrorPolicy;
import dev.sluice.batch.BatchInput;
import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchOutput;
import dev.sluice.batch.BatchResult;
import dev.sluice.batch.S3Lake;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.S3Service;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.reference.model.ClickEvent;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.CollectingDeadLetterSink;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The promise: one {@link Transform} class, the reference app's own click chain (drop bots, then
 * {@link EnrichClicks}), run by a lib-stream {@link StreamPipeline} from Kafka to Kafka and by a
 * lib-batch {@link BatchJob} in Spark over the same clicks, gives the same output records, and
 * the same records fail in both.
 */
class SameTransformIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();

    private static final int N = 3_000;

    private static Transform<GenericRecord, EnrichedClick> chain() {
        return Transform.<GenericRecord>filter(EnrichClicks::isHuman).andThen(new EnrichClicks());
    }

    @Test
    void enrichClicksGivesTheSameRecordsInTheStreamRuntimeAndInSpark() throws Exception {
        List<GenericRecord> clicks = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            clicks.add(DemoClicks.click(i));
        }
        Map<String, String> stream = stream(clicks);
        Map<String, String> batch = batch(clicks);
        assertThat(stream).hasSize(N - N / 10 - countFailing());
        assertThat(batch).isEqualTo(stream);
    }

    private static int countFailing() {
        int n = 0;
        for (int i = 0; i < N; i++) {
            if (i % 97 == 0 && i % 10 != 0) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, String> stream(List<GenericRecord> clicks) throws Exception {
        KafkaService kafka = KAFKA.get();
        kafka.createTopic("same-in", 3);
        kafka.createTopic("same-out", 3);
        SingleObjectAvroCodec<GenericRecord> in = SingleObjectAvroCodec.generic(ClickEvent.getClassSchema());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (GenericRecord c : clicks) {
            records.add(new ProducerRecord<>("same-in", c.get("userId").toString().getBytes(), in.encode(c)));
        }
        Topics.produce(kafka, records);
        SingleObjectAvroCodec<EnrichedClick> out = SingleObjectAvroCodec.specific(EnrichedClick.class);
        CollectingDeadLetterSink dead = new CollectingDeadLetterSink();
        try (StreamPipeline<GenericRecord, EnrichedClick> p = StreamPipeline.builder("same-stream",
                        KafkaSource.of(in).withBootstrapServers(kafka.bootstrapServers()).withGroupId("same-stream").withTopics("same-in"))
                .via(chain()).deadLetters(dead).errorPolicies(ErrorPolicies.all(ErrorPolicy.deadLetter().withBackoff(Duration.ZERO, 1.0, Duration.ZERO)))
                .to(KafkaSink.of(out).withBootstrapServers(kafka.bootstrapServers()).withTopic("same-out"))) {
            p.start();
            int expected = N - N / 10 - countFailing();
            Map<String, String> got = new TreeMap<>();
            for (var r : Topics.read(kafka, "same-out", expected, Duration.ofSeconds(60))) {
                EnrichedClick e = out.decode(r.value());
                got.put(e.getEventId(), normal(e, e.getTimestamp().toEpochMilli()));
            }
            assertThat(dead.failures()).hasSize(countFailing());
            return got;
        }
    }

    private static Map<String, String> batch(List<GenericRecord> clicks) throws Exception {
        S3Service s3 = S3.get();
        s3.createBucket("same");
        SparkSession spark = LocalSpark.start(S3Lake.of(s3.endpoint(), s3.accessKey(), s3.secretKey()), "local[2]", "same-transform");
        try {
            DemoClicks.writeParquet(spark, clicks, "s3a://same/in");
            Transform<GenericRecord, GenericRecord> asRecords = chain().andThen(Transform.map(e -> (GenericRecord) e));
            BatchResult result = BatchJob.of("same-batch", BatchInput.parquet("s3a://same/in"), ClickEvent.getClassSchema(), asRecords, EnrichedClick.getClassSchema(),
                    BatchOutput.parquet("s3a://same/out", "country"), "s3a://same/errors")
                    .withPolicies(ErrorPolicies.all(ErrorPolicy.deadLetter().withBackoff(Duration.ZERO, 1.0, Duration.ZERO))).run(spark);
            assertThat(result.failed()).isEqualTo(countFailing());
        } finally {
            spark.stop();
        }
        return readParquet(s3, "same", "out/");
    }

    /** parquet-avro over the raw objects; the country comes from the {@code country=} directory. */
    private static Map<String, String> readParquet(S3Service s3, String bucket, String prefix) throws Exception {
        Map<String, String> got = new TreeMap<>();
        Path dir = Files.createTempDirectory("same-read");
        try (S3Client client = s3.client()) {
            for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
                if (!o.key().endsWith(".parquet")) {
                    continue;
                }
                Path local = dir.resolve(Integer.toString(got.size()) + ".parquet");
                client.getObject(GetObjectRequest.builder().bucket(bucket).key(o.key()).build(), local);
                String country = o.key().replaceAll(".*country=([^/]+)/.*", "$1");
                try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(local))
                        .withConf(new PlainParquetConfiguration()).build()) {
                    for (GenericRecord g = r.read(); g != null; g = r.read()) {
                        GenericRecord full = new GenericData.Record(EnrichedClick.getClassSchema());
                        for (Schema.Field f : EnrichedClick.getClassSchema().getFields()) {
                            full.put(f.name(), f.name().equals("country") ? country : g.get(f.name()));
                        }
                        Object ts = g.get("timestamp"); // TIMESTAMP(MICROS) in the file; parquet-avro may convert it
                        got.put(full.get("eventId").toString(), normal(full, ts instanceof java.time.Instant i ? i.toEpochMilli() : (Long) ts / 1000));
                    }
                }
                Files.delete(local);
            }
        }
        return got;
    }

    /** Every field as text, the timestamp as epoch millis, in schema order. */
    private static String normal(GenericRecord r, long millis) {
        StringBuilder sb = new StringBuilder();
        for (Schema.Field f : r.getSchema().getFields()) {
            sb.append(f.name()).append('=').append(f.name().equals("timestamp") ? millis : r.get(f.name())).append(';');
        }
        return sb.toString();
    }
}
