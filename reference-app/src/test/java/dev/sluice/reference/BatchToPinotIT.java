package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Transform;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.ErrorPolicy;
import dev.sluice.batch.BatchInput;
import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchOutput;
import dev.sluice.batch.BatchResult;
import dev.sluice.batch.S3Lake;
import dev.sluice.catalog.pinot.PinotAdmin;
import dev.sluice.catalog.pinot.PinotQuery;
import dev.sluice.catalog.pinot.PinotTableSpec;
import dev.sluice.catalog.pinot.SegmentPush;
import dev.sluice.embedded.PinotCluster;
import dev.sluice.embedded.S3Service;
import dev.sluice.reference.model.ClickEvent;
import dev.sluice.reference.model.EnrichedClick;
import dev.sluice.testkit.ServiceExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The daily batch's last step: a lib-batch {@link BatchJob}'s Parquet output on S3, pushed into a
 * Pinot OFFLINE table that Sluice created from the output's Avro schema, answers the counts and
 * per-country sums of the input; pushed again, it replaces itself.
 */
class BatchToPinotIT {

    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    @RegisterExtension
    static final ServiceExtension<PinotCluster> PINOT = ServiceExtension.pinot();

    private static final int N = 4_000;

    @Test
    void aBatchOutputPushedAsOfflineSegmentsIsQueryable(@TempDir Path dir) throws Exception {
        List<GenericRecord> clicks = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < N; i++) {
            GenericRecord c = DemoClicks.click(i);
            clicks.add(c);
            if (DemoClicks.survives(i)) {
                expected.merge(c.get("country").toString(), (Long) c.get("durationMs"), Long::sum);
            }
        }
        BatchResult result = runBatch(clicks);
        List<Path> files = download(S3.get(), "b2p", "out/", dir);
        assertThat(files).isNotEmpty();

        PinotAdmin admin = new PinotAdmin(PINOT.get().controllerUrl());
        admin.putOfflineTable(PinotTableSpec.of("clicks_curated", EnrichedClick.getClassSchema(), "timestamp")
                .withMetrics("durationMs").withParquetTimestamps());
        SegmentPush push = new SegmentPush(admin);
        push.push("clicks_curated", "2026-11-25", files, "parquet");

        PinotQuery broker = new PinotQuery(PINOT.get().brokerUrl());
        awaitCount(broker, "clicks_curated", result.out());
        assertThat(result.out()).isEqualTo(countSurvivors());
        assertThat(sums(broker)).isEqualTo(expected);

        push.push("clicks_curated", "2026-11-25", files, "parquet");
        assertThat(broker.single("SELECT COUNT(*) FROM clicks_curated")).isEqualTo(result.out());
    }

    private static long countSurvivors() {
        long n = 0;
        for (int i = 0; i < N; i++) {
            n += DemoClicks.survives(i) ? 1 : 0;
        }
        return n;
    }

    private static BatchResult runBatch(List<GenericRecord> clicks) {
        S3Service s3 = S3.get();
        s3.createBucket("b2p");
        SparkSession spark = LocalSpark.start(S3Lake.of(s3.endpoint(), s3.accessKey(), s3.secretKey()), "local[2]", "batch-to-pinot");
        try {
            DemoClicks.writeParquet(spark, clicks, "s3a://b2p/in");
            Transform<GenericRecord, GenericRecord> chain = Transform.<GenericRecord>filter(EnrichClicks::isHuman).andThen(new EnrichClicks())
                    .andThen(Transform.map(e -> (GenericRecord) e));
            return BatchJob.of("clicks-curated", BatchInput.parquet("s3a://b2p/in"), ClickEvent.getClassSchema(), chain,
                            EnrichedClick.getClassSchema(), BatchOutput.parquet("s3a://b2p/out"), "s3a://b2p/errors")
                    .withPolicies(ErrorPolicies.all(ErrorPolicy.deadLetter().withBackoff(Duration.ZERO, 1.0, Duration.ZERO))).run(spark);
        } finally {
            spark.stop();
        }
    }

    private static List<Path> download(S3Service s3, String bucket, String prefix, Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        try (S3Client client = s3.client()) {
            for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
                if (o.key().endsWith(".parquet")) {
                    Path local = dir.resolve("part-" + files.size() + ".parquet");
                    client.getObject(GetObjectRequest.builder().bucket(bucket).key(o.key()).build(), local);
                    if (Files.size(local) > 0) {
                        files.add(local);
                    }
                }
            }
        }
        return files;
    }

    private static Map<String, Long> sums(PinotQuery broker) {
        Map<String, Long> sums = new TreeMap<>();
        for (List<JsonNode> row : broker.rows("SELECT country, SUM(durationMs) FROM clicks_curated GROUP BY country LIMIT 100")) {
            sums.put(row.get(0).asText(), row.get(1).asLong());
        }
        return sums;
    }

    private static void awaitCount(PinotQuery broker, String table, long expected) throws InterruptedException {
        assertThat(broker.awaitCount(table, expected, Duration.ofSeconds(120))).as("rows in " + table).isEqualTo(expected);
    }
}
