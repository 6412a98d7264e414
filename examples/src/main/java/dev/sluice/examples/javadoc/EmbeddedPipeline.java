package dev.sluice.examples.javadoc;

import dev.sluice.examples.Order;
import dev.sluice.examples.ValidateOrder;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import java.util.concurrent.CountDownLatch;

/**
 * The example of {@link StreamPipeline}'s and {@link DeadLetterTopic}'s javadoc: a pipeline embedded in an
 * application, running until {@code stop} is counted down.
 */
public final class EmbeddedPipeline {

    private EmbeddedPipeline() {}

    public static void run(String bootstrap, KafkaSource<Order> source, KafkaSink<Order> valid, CountDownLatch stop)
            throws InterruptedException {
        // snippet:start
        try (KafkaDeadLetterSink dlq = DeadLetterTopic.named("orders-dlq")
                     .withBootstrapServers(bootstrap)
                     .withPipeline("orders")
                     .open();
             StreamPipeline<Order, Order> pipeline = StreamPipeline.builder("orders", source)
                     .via(new ValidateOrder())
                     .deadLetters(dlq)
                     .config(StreamConfig.defaults().withWorkers(4))
                     .to(valid)) {
            pipeline.start();   // returns at once; isHealthy() and lastError() for probes
            stop.await();       // close(), then: drain, flush, commit, leave the group
        }
        // snippet:end
    }
}
