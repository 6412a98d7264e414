package dev.sluice.reference;

import dev.sluice.embedded.KRaftBroker;

/**
 * The reference app's embedded Kafka: lib-testkit's {@link KRaftBroker}, a real single-node KRaft
 * broker in this JVM whose data lives in a temporary directory deleted on {@link #close()}.
 */
final class EmbeddedKafka implements AutoCloseable {

    private final KRaftBroker broker;

    private EmbeddedKafka(KRaftBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafka start() {
        return new EmbeddedKafka(KRaftBroker.start());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Creates a topic and waits until every partition has a leader. */
    void createTopic(String name, int partitions) {
        broker.createTopic(name, partitions);
    }

    @Override
    public void close() {
        broker.close();
    }
}
