package dev.sluice.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.codec.SingleObjectAvroCodec;
import dev.sluice.embedded.KafkaService;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * lib-ingest's REST source under lib-stream's runtime (here, not in lib-ingest, so that lib-ingest's
 * tests need not wait for lib-stream's), against lib-ingest's test API.
 */
class RestSourceStreamIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    @Test
    void theStreamRuntimeTakesTwelvePagesOfItemsIntoKafkaInOrder() throws Exception {
        String ds = "rest-stream";
        String topic = "rest-into-kafka";
        KAFKA.get().createTopic(topic, 1);
        SingleObjectAvroCodec<GenericRecord> codec = SingleObjectAvroCodec.generic(Items.SCHEMA);
        try (ListingApi api = new ListingApi()) {
            api.append(ds, IntStream.range(0, 120).mapToObj(Items::json).toList());
            RestSource source = api.cursorSource(ds, KAFKA.get().bootstrapServers());
            try (StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder("rest-to-kafka", source)
                    .to(KafkaSink.of(codec).withBootstrapServers(KAFKA.get().bootstrapServers()).withTopic(topic))) {
                p.start();
                assertThat(Topics.read(KAFKA.get(), topic, 120, Duration.ofSeconds(60))).extracting(r -> codec.decode(r.value()).get("id").toString())
                        .containsExactlyElementsOf(Items.ids(0, 120));
                assertThat(p.graph().inputs()).extracting(d -> d.platform()).containsExactly("rest");
            }
        }
    }
}
