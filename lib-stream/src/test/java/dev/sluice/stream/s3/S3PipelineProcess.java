package dev.sluice.stream.s3;

import dev.sluice.api.Transform;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.ConfluentRegistryClient;
import dev.sluice.formats.RegistryConfig;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericRecord;

/**
 * A Kafka-to-S3 pipeline as a process of its own, for tests that kill it with {@code kill -9}.
 * Args: bootstrap, registry url, topic, group, S3 endpoint, access key, secret key, bucket, prefix, and
 * optionally the rotation as {@code <max records>,<idle ms>,<max age ms>}. Throttled; by default small
 * segments, a short idle timeout and a small memory bound, so segments close for every reason
 * (count, idle, memory) while it runs.
 */
public final class S3PipelineProcess {

    private static final AtomicLong SEEN = new AtomicLong();

    private S3PipelineProcess() {}

    /** About 10,000 records a second per worker, so a test can kill it mid-run rather than after it finished. */
    public static GenericRecord throttle(GenericRecord r) {
        if (SEEN.incrementAndGet() % 10 == 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return r;
    }

    static Rotation rotation(String spec) {
        String[] v = spec.split(",");
        return Rotation.defaults().withMaxRecords(Long.parseLong(v[0])).withRecordTimeSpan(Duration.ZERO)
                .withIdleTimeout(Duration.ofMillis(Long.parseLong(v[1]))).withMaxAge(Duration.ofMillis(Long.parseLong(v[2])));
    }

    public static void main(String[] a) throws Exception {
        ConfluentAvroCodec<GenericRecord> codec = ConfluentAvroCodec.generic(new ConfluentRegistryClient(RegistryConfig.of(a[1])), a[2] + "-value", null);
        S3Sink<GenericRecord> sink = S3Sink.<GenericRecord>of(S3Connection.compatible(URI.create(a[4]), a[5], a[6]), a[7], a[8])
                .withFormat(FileFormat.AVRO)
                .withPartitioning(Partitioning.byRecordTime("'dt='yyyy-MM-dd"))
                .withRotation(a.length > 9 ? rotation(a[9]) : Rotation.defaults().withMaxRecords(5_000).withRecordTimeSpan(Duration.ZERO)
                        .withIdleTimeout(Duration.ofMillis(300)))
                .withBuffering(Buffering.defaults().withMaxBufferedBytes(1 << 20));
        KafkaSource<GenericRecord> source = KafkaSource.of(codec).withBootstrapServers(a[0]).withGroupId(a[3]).withTopics(a[2])
                .withProperty("session.timeout.ms", "6000")
                .withProperty("max.poll.records", "2000");
        StreamPipeline<GenericRecord, GenericRecord> pipeline = StreamPipeline.builder("s3-child", source)
                .via(Transform.map(S3PipelineProcess::throttle))
                .config(StreamConfig.defaults().withWorkers(2).withInstanceId("s3-child"))
                .to(sink);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }));
        pipeline.start();
        System.out.println("STARTED");
        stopped.await();
    }
}
