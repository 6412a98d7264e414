package dev.sluice.examples.readme;

import dev.sluice.api.codec.Codec;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.metrics.MicrometerPipelineListener;
import dev.sluice.stream.Delivery;
import dev.sluice.stream.StreamConfig;
import dev.sluice.stream.StreamPipeline;
import io.micrometer.core.instrument.MeterRegistry;

/** README, "The stream runtime": every option of a Kafka-to-Kafka pipeline in one place. */
final class PaymentsPipeline {

    private PaymentsPipeline() {}

    static void run(Codec<Txn> codec, String bootstrap, MeterRegistry meterRegistry, String podName) {
        // snippet:start
        StreamPipeline<Txn, Txn> pipeline = StreamPipeline.builder("payments", KafkaSource.of(codec).withBootstrapServers(bootstrap).withGroupId("payments").withTopics("payments"))
                .via(new Validate())                       // Transforms chain; each may change the type
                .via(new Normalize())
                .deadLetters(DeadLetterTopic.named("payments-dlq").withBootstrapServers(bootstrap).withPipeline("payments").open())
                .listener(new MicrometerPipelineListener(meterRegistry, "payments"))
                .config(StreamConfig.defaults().withWorkers(4).withDelivery(Delivery.EXACTLY_ONCE).withInstanceId(podName))
                .to(KafkaSink.of(codec).withBootstrapServers(bootstrap).withTopic("payments-clean"));
        pipeline.start();            // returns at once; isHealthy(), lastError() for probes
        pipeline.close();            // stop polling, drain, flush, commit, leave the group, within shutdownTimeout
        // snippet:end
    }
}
