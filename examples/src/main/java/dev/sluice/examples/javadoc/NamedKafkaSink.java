package dev.sluice.examples.javadoc;

import dev.sluice.api.codec.AvroCodec;
import dev.sluice.examples.Order;
import dev.sluice.kafka.KafkaSink;

/** The example of {@link KafkaSink}'s javadoc: a sink named by its brokers and topic. */
public final class NamedKafkaSink {

    private NamedKafkaSink() {}

    public static KafkaSink<Order> validOrders(String bootstrap) {
        // snippet:start
        KafkaSink<Order> valid = KafkaSink.of(AvroCodec.reflect(Order.class))
                .withBootstrapServers(bootstrap)
                .withTopic("orders-valid");
        // snippet:end
        return valid;
    }
}
