package dev.sluice.examples.readme;

import dev.sluice.api.sink.Sink;
import dev.sluice.embedded.KafkaService;
import dev.sluice.examples.Order;
import dev.sluice.examples.OrdersPipeline;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.SinkContractTest;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

// snippet:start
class OrderSinkContractIT extends SinkContractTest<Order> {   // the Sink contract's tests, here run on KafkaSink

    @RegisterExtension static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    @Override
    protected Sink<Order> createSink(String destination) {    // your sink, writing to a fresh destination
        KAFKA.get().createTopic(destination, 3);
        return KafkaSink.of(OrdersPipeline.CODEC).withBootstrapServers(KAFKA.get().bootstrapServers()).withTopic(destination);
    }

    @Override
    protected Order value(int i) {
        return new Order("o-" + i, "DE", i, false);
    }

    @Override
    protected List<Order> readBack(String destination, int atLeast) {  // read back without the sink's code
        return Topics.read(KAFKA.get(), destination, atLeast, Duration.ofSeconds(30)).stream()
                .map(r -> OrdersPipeline.CODEC.decode(r.value())).toList();
    }
}
// snippet:end
