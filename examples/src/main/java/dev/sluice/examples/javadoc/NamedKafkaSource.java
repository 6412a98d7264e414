package dev.sluice.examples.javadoc;

import dev.sluice.api.codec.AvroCodec;
import dev.sluice.examples.Order;
import dev.sluice.kafka.KafkaSource;

/** The example of {@link KafkaSource}'s javadoc: a source named by its brokers, group and topics. */
public final class NamedKafkaSource {

    private NamedKafkaSource() {}

    public static KafkaSource<Order> orders(String bootstrap) {
        // snippet:start
        KafkaSource<Order> orders = KafkaSource.of(AvroCodec.reflect(Order.class))
                .withBootstrapServers(bootstrap)
                .withGroupId("orders-validator")
                .withTopics("orders");
        // snippet:end
        return orders;
    }
}
