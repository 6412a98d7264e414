package dev.sluice.stream;

import dev.sluice.api.sink.TransactionalSink;
import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.stream.testing.Txn;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import dev.sluice.testkit.TransactionalSinkContractTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka sink as the exactly-once runtime configures it (transactional) keeps the Sink contract
 * (flushed means committed) and the transactional one (aborted records are never read).
 */
class TransactionalKafkaSinkContractIT extends TransactionalSinkContractTest<Txn> {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    @Override
    protected TransactionalSink<Txn> createSink(String destination) {
        KAFKA.get().createTopic(destination, 3);
        return KafkaSink.of(Payments.CODEC).withBootstrapServers(KAFKA.get().bootstrapServers()).withTopic(destination).forTransactions("contract-" + destination);
    }

    @Override
    protected Txn value(int i) {
        return Payments.txn(i, 1);
    }

    @Override
    protected List<Txn> readBack(String destination, int atLeast) {
        return Topics.read(KAFKA.get(), destination, atLeast, Duration.ofSeconds(30)).stream().map(r -> Payments.CODEC.decode(r.value())).toList();
    }
}
