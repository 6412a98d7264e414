package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.EnrichedEvent;
import dev.sluice.benchmarks.model.Event;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.stream.Delivery;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;

/** Sluice's StreamPipeline, one worker, the three transforms. */
final class SluiceContender implements Contender {

    private final FixedRegistry registry;
    private StreamPipeline<Event, EnrichedEvent> pipeline;
    private KafkaDeadLetterSink dlq;

    SluiceContender(FixedRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void start(String bootstrap, String in, String out, String group, boolean exactlyOnce, int threads) {
        dlq = DeadLetterTopic.named(in + "-dlq").withBootstrapServers(bootstrap).withPipeline(group).open();
        pipeline = StreamPipeline.builder(group, KafkaSource.of(Events.codec(registry)).withBootstrapServers(bootstrap).withGroupId(group).withTopics(in))
                .via(HotPathTransforms.chain())
                .deadLetters(dlq)
                .config(StreamConfig.defaults().withWorkers(threads).withDelivery(exactlyOnce ? Delivery.EXACTLY_ONCE : Delivery.AT_LEAST_ONCE).withInstanceId(group))
                .to(KafkaSink.of(ConfluentAvroCodec.specific(registry, "enriched-value", EnrichedEvent.class)).withBootstrapServers(bootstrap).withTopic(out));
        pipeline.start();
    }

    @Override
    public void close() {
        pipeline.close();
        dlq.close();
    }
}
