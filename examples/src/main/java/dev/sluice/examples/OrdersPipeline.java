package dev.sluice.examples;

import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.codec.Codec;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.Delivery;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;

/** orders → ValidateOrder → orders-valid, exactly once; bad orders to orders-dlq. */
public final class OrdersPipeline {

    public static final Codec<Order> CODEC = AvroCodec.reflect(Order.class);

    private OrdersPipeline() {}

    /** Starts the pipeline; {@code close()} stops it: drain, flush, commit, leave the group. */
    public static StreamPipeline<Order, Order> start(String bootstrap, KafkaDeadLetterSink deadLetters) {
        KafkaSource<Order> orders = KafkaSource.of(CODEC)
                .withBootstrapServers(bootstrap)
                .withGroupId("orders-validator")   // where a restart resumes
                .withTopics("orders");
        KafkaSink<Order> valid = KafkaSink.of(CODEC)
                .withBootstrapServers(bootstrap)
                .withTopic("orders-valid");
        StreamPipeline<Order, Order> pipeline = StreamPipeline.builder("orders", orders)
                .via(new ValidateOrder())
                .deadLetters(deadLetters)
                .config(StreamConfig.defaults().withDelivery(Delivery.EXACTLY_ONCE))
                .to(valid);
        pipeline.start();                          // returns at once; isHealthy() and lastError() for probes
        return pipeline;
    }

    /** {@code java ... dev.sluice.examples.OrdersPipeline localhost:9092}; Ctrl-C stops it. */
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        KafkaDeadLetterSink dlq = DeadLetterTopic.named("orders-dlq")
                .withBootstrapServers(bootstrap)
                .withPipeline("orders")            // written into each dead letter's headers
                .open();
        StreamPipeline<Order, Order> pipeline = start(bootstrap, dlq);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            dlq.close();
        }));
    }
}
