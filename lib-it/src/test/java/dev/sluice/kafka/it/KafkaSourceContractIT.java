package dev.sluice.kafka.it;

import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.source.Source;
import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.SourceContractTest;
import dev.sluice.testkit.Topics;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** KafkaSource keeps the Source contract against a real broker. */
class KafkaSourceContractIT extends SourceContractTest<PageView> {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    private final AvroCodec<PageView> codec = AvroCodec.specific(PageView.class);

    @Override
    protected Source<PageView> createSource(String dataset) {
        KAFKA.get().createTopic(dataset, 3);
        return KafkaSource.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withGroupId("group-" + dataset).withTopics(dataset);
    }

    @Override
    protected void append(String dataset, List<PageView> values) {
        KAFKA.get().createTopic(dataset, 3);
        Topics.produceValues(KAFKA.get(), dataset, values.stream().map(codec::encode).toList());
    }

    @Override
    protected PageView value(int i) {
        return Fixtures.pageView(i);
    }
}
