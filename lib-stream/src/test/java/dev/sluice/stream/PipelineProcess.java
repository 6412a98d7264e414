package dev.sluice.stream;

import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.testing.Txn;
import java.util.concurrent.CountDownLatch;

/**
 * The payments pipeline as a process of its own, for tests that kill it with {@code kill -9}.
 * Args: bootstrap, input topic, output topic, dead-letter topic, group, delivery, instance id.
 * Runs until the JVM is killed, or until SIGTERM, which closes it gracefully.
 */
public final class PipelineProcess {

    private PipelineProcess() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Delivery delivery = Delivery.valueOf(args[5]);
        KafkaSource<Txn> source = KafkaSource.of(Payments.CODEC).withBootstrapServers(bootstrap).withGroupId(args[4]).withTopics(args[1])
                .withProperty("session.timeout.ms", "6000")
                .withProperty("max.poll.records", "2000");
        CountDownLatch stopped = new CountDownLatch(1);
        KafkaDeadLetterSink dlq = DeadLetterTopic.named(args[3]).withBootstrapServers(bootstrap).withPipeline("payments").open();
        StreamPipeline<Txn, Txn> pipeline = StreamPipeline.builder("payments", source)
                .via(Payments.validateAndNormalize())
                .deadLetters(dlq)
                .config(StreamConfig.defaults().withWorkers(2).withDelivery(delivery).withInstanceId(args[6])
                        .withCommitInterval(java.time.Duration.ofMillis(200)))
                .to(KafkaSink.of(Payments.CODEC).withBootstrapServers(bootstrap).withTopic(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            dlq.close();
            stopped.countDown();
        }));
        pipeline.start();
        System.out.println("STARTED");
        stopped.await();
    }
}
