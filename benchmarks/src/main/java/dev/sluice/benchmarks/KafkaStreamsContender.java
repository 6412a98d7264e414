package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.EnrichedEvent;
import dev.sluice.benchmarks.model.Event;
import dev.sluice.formats.ConfluentAvroCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Kafka Streams 4.3.1 with the identical topology: decode, filter, map, enrich, encode, with the
 * same codec and the same functions; as many stream threads as the others have workers; its own defaults otherwise (commit every
 * 30 s at-least-once, every 100 ms exactly_once_v2).
 */
final class KafkaStreamsContender implements Contender {

    private final FixedRegistry registry;
    private KafkaStreams streams;
    private Path stateDir;

    KafkaStreamsContender(FixedRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void start(String bootstrap, String in, String out, String group, boolean exactlyOnce, int threads) throws Exception {
        ConfluentAvroCodec<Event> inCodec = Events.codec(registry);
        ConfluentAvroCodec<EnrichedEvent> outCodec = ConfluentAvroCodec.specific(registry, "enriched-value", EnrichedEvent.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .mapValues(inCodec::decode)
                .filter((k, e) -> EventLogic.keep(e.getBot()))
                .mapValues(HotPathTransforms::normalize)
                .mapValues(HotPathTransforms::enrich)
                .mapValues(outCodec::encode)
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        stateDir = Files.createTempDirectory("kstreams-");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, group);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        streams = new KafkaStreams(builder.build(), p);
        streams.start();
    }

    @Override
    public void close() throws Exception {
        if (!streams.close(Duration.ofSeconds(30))) {
            System.out.println("  note: Kafka Streams did not close within 30 s; its state directory is left in " + stateDir);
            return;
        }
        streams.cleanUp();
        try (var files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
