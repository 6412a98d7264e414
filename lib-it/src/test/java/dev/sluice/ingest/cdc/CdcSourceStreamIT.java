package dev.sluice.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.codec.Codec;
import dev.sluice.api.codec.SingleObjectAvroCodec;
import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PostgresService;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * lib-ingest's CDC source under lib-stream's runtime (here, not in lib-ingest, so that lib-ingest's
 * tests need not wait for lib-stream's): rows into Kafka, and the offsets stored only once Kafka
 * has them.
 */
class CdcSourceStreamIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<PostgresService> POSTGRES = ServiceExtension.postgres();

    @Test
    void theStreamRuntimeTakesTheRowsIntoKafkaAndOnlyThenAdvancesTheOffsets() throws Exception {
        String t = CdcFixtures.ordersTable(POSTGRES.get());
        String topic = "cdc-" + t;
        KAFKA.get().createTopic(topic, 1);
        CdcSource source = CdcFixtures.source(POSTGRES.get(), KAFKA.get(), t).withValue(CdcSource.Value.AFTER);
        try (StreamPipeline<GenericRecord, GenericRecord> p = StreamPipeline.builder("cdc-to-kafka", source)
                .to(KafkaSink.of(new RowCodec()).withBootstrapServers(KAFKA.get().bootstrapServers()).withTopic(topic))) {
            p.start();
            assertThat(Topics.read(KAFKA.get(), topic, 3, Duration.ofSeconds(60))).extracting(r -> new String(r.key()))
                    .containsExactly("1", "2", "3");
            assertThat(p.graph().inputs()).extracting(d -> d.name()).containsExactly(POSTGRES.get().database() + ".public." + t);
        } // close: the last batch is committed, so the engine has stored its offsets
        try (var r = CdcFixtures.reader(source)) {
            assertThat(CdcFixtures.read(r, 0)).as("offsets stored after Kafka acknowledged: nothing to read again").isEmpty();
        }
    }

    /** Encodes the rows with their own (Debezium-derived) schema, single-object style. */
    private static final class RowCodec implements Codec<GenericRecord> {
        @Override
        public byte[] encode(GenericRecord value) {
            return value == null ? null : SingleObjectAvroCodec.generic(value.getSchema()).encode(value);
        }

        @Override
        public GenericRecord decode(byte[] bytes) {
            throw new UnsupportedOperationException("the test reads keys only");
        }
    }
}
