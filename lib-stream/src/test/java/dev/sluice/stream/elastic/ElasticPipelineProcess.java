package dev.sluice.stream.elastic;

import dev.sluice.api.Transform;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.ConfluentRegistryClient;
import dev.sluice.formats.RegistryConfig;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.s3.Clicks;
import dev.sluice.stream.s3.S3PipelineProcess;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.generic.GenericRecord;

/**
 * A Kafka-to-Elastic pipeline as a process of its own, for tests that kill it with {@code kill -9}.
 * Args: bootstrap, registry url, topic, group, the node's URL, index. Throttled like the S3 one, so
 * a test can kill it mid-run.
 */
public final class ElasticPipelineProcess {

    private ElasticPipelineProcess() {}

    public static void main(String[] a) throws Exception {
        ConfluentAvroCodec<GenericRecord> codec = ConfluentAvroCodec.generic(new ConfluentRegistryClient(RegistryConfig.of(a[1])), a[2] + "-value", null);
        KafkaSource<GenericRecord> source = KafkaSource.of(codec).withBootstrapServers(a[0]).withGroupId(a[3]).withTopics(a[2])
                .withProperty("session.timeout.ms", "6000")
                .withProperty("max.poll.records", "2000");
        StreamPipeline<GenericRecord, GenericRecord> pipeline = StreamPipeline.builder("elastic-child", source)
                .via(Transform.map(S3PipelineProcess::throttle))
                .config(StreamConfig.defaults().withWorkers(2).withInstanceId("elastic-child"))
                .to(ElasticSink.of(ElasticConnection.of(a[4]), IndexNaming.fixed(a[5]), Clicks.V1));
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
