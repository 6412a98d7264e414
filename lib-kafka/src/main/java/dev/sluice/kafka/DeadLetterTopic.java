package dev.sluice.kafka;

import dev.sluice.api.Require;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a pipeline's dead letters go in Kafka, by name, so the brokers, the topic and the pipeline
 * cannot be swapped the way three Strings side by side can:
 * <!-- examples/src/main/java/dev/sluice/examples/javadoc/EmbeddedPipeline.java#snippet -->
 * <pre>{@code
 * try (KafkaDeadLetterSink dlq = DeadLetterTopic.named("orders-dlq")
 *              .withBootstrapServers(bootstrap)
 *              .withPipeline("orders")
 *              .open();
 *      StreamPipeline<Order, Order> pipeline = StreamPipeline.builder("orders", source)
 *              .via(new ValidateOrder())
 *              .deadLetters(dlq)
 *              .config(StreamConfig.defaults().withWorkers(4))
 *              .to(valid)) {
 *     pipeline.start();   // returns at once; isHealthy() and lastError() for probes
 *     stop.await();       // close(), then: drain, flush, commit, leave the group
 * }
 * }</pre>
 *
 * @param topic              the dead-letter topic
 * @param bootstrapServers   the brokers, {@code host:port,...}; null until set
 * @param pipeline           the pipeline's name, written into each dead letter's headers so one topic
 *                           can serve several pipelines; null until set
 * @param producerProperties producer properties over Sluice's idempotent acks=all defaults
 */
public record DeadLetterTopic(String topic, String bootstrapServers, String pipeline, Map<String, String> producerProperties) {

    public DeadLetterTopic {
        Require.nonBlank(topic, "dead-letter topic");
        producerProperties = Map.copyOf(Require.nonNull(producerProperties, "producerProperties"));
    }

    /** The dead-letter topic {@code topic}, with the brokers and the pipeline still to name. */
    public static DeadLetterTopic named(String topic) {
        return new DeadLetterTopic(topic, null, null, Map.of());
    }

    public DeadLetterTopic withBootstrapServers(String servers) {
        return new DeadLetterTopic(topic, Require.nonBlank(servers, "bootstrapServers"), pipeline, producerProperties);
    }

    public DeadLetterTopic withPipeline(String name) {
        return new DeadLetterTopic(topic, bootstrapServers, Require.nonBlank(name, "pipeline"), producerProperties);
    }

    public DeadLetterTopic withProducerProperty(String key, String value) {
        Map<String, String> p = new HashMap<>(producerProperties);
        p.put(Require.nonBlank(key, "property key"), Require.nonNull(value, "property " + key));
        return new DeadLetterTopic(topic, bootstrapServers, pipeline, p);
    }

    /** Every property of {@code properties} over those set before. */
    public DeadLetterTopic withProducerProperties(Map<String, String> properties) {
        Map<String, String> p = new HashMap<>(producerProperties);
        p.putAll(Require.nonNull(properties, "producerProperties"));
        return new DeadLetterTopic(topic, bootstrapServers, pipeline, p);
    }

    /** A producer to this topic; fails naming the brokers or the pipeline if either is not set. */
    public KafkaDeadLetterSink open() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("dead-letter topic " + topic + ": bootstrapServers not set (withBootstrapServers)");
        }
        if (pipeline == null) {
            throw new IllegalStateException("dead-letter topic " + topic + ": pipeline not set (withPipeline)");
        }
        return KafkaDeadLetterSink.open(this);
    }

    /** Shows the configuration without property values, which may hold credentials. */
    @Override
    public String toString() {
        return "DeadLetterTopic[topic=" + topic + ", bootstrapServers=" + bootstrapServers + ", pipeline=" + pipeline
                + ", producerProperties=" + producerProperties.keySet() + "]";
    }
}
