package dev.sluice.examples.readme;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicsHelpersIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    @Test
    void whatATestProducesItReadsBackCommittedAndWhole() {
        byte[] bytes = "a value alone".getBytes(UTF_8);
        List<ProducerRecord<byte[], byte[]>> producerRecords =
                List.of(new ProducerRecord<>("refunds", 2, "r-1".getBytes(UTF_8), "a keyed value".getBytes(UTF_8)));
        // snippet:start
        KAFKA.get().createTopic("refunds", 3);                      // returns once every partition has a leader
        Topics.produceValues(KAFKA.get(), "refunds", List.of(bytes)); // acks=all, each acknowledged before it returns
        Topics.produce(KAFKA.get(), producerRecords);                 // keys, partitions, timestamps of your own
        List<ConsumerRecord<byte[], byte[]>> out =
                Topics.read(KAFKA.get(), "refunds", 2, Duration.ofSeconds(30));
        // read_committed from the beginning: waits for the topic to exist (it never creates it) and for at
        // least 2 records, then reads on to the end of every partition; a topic that never appears is an
        // IllegalStateException naming it
        // snippet:end
        assertThat(out).extracting(r -> new String(r.value(), UTF_8)).containsExactlyInAnyOrder("a value alone", "a keyed value");
        assertThat(out).filteredOn(r -> r.key() != null).singleElement()
                .satisfies(r -> assertThat(r.partition()).isEqualTo(2));
    }
}
