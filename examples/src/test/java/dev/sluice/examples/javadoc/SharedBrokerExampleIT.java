package dev.sluice.examples.javadoc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.testkit.ServiceExtension;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example of {@link ServiceExtension}'s javadoc: the run's broker, from a test class's static field. */
class SharedBrokerExampleIT {

    // snippet:start
    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    // snippet:end

    @Test
    void aTopicCreatedThroughTheExtensionIsOnTheBroker() throws Exception {
        KAFKA.get().createTopic("shared-broker-example", 2);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.get().bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("shared-broker-example")).allTopicNames().get()
                    .get("shared-broker-example").partitions()).hasSize(2);
        }
    }
}
