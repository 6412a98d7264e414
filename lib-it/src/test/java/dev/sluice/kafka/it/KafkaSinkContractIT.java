package dev.sluice.kafka.it;

import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.sink.Sink;
import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.SinkContractTest;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** KafkaSink keeps the Sink contract against a real broker. */
class KafkaSinkContractIT extends SinkContractTest<PageView> {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    private final AvroCodec<PageView> codec = AvroCodec.specific(PageView.class);

    @Override
    protected Sink<PageView> createSink(String destination) {
        KAFKA.get().createTopic(destination, 3);
        return KafkaSink.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withTopic(destination);
    }

    @Override
    protected PageView value(int i) {
        return Fixtures.pageView(i);
    }

    @Override
    protected List<PageView> readBack(String destination, int atLeast) {
        return Topics.read(KAFKA.get(), destination, atLeast, Duration.ofSeconds(30)).stream().map(r -> codec.decode(r.value())).toList();
    }
}
