package dev.sluice.reference;

import dev.sluice.api.codec.Codec;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.kafka.DeadLetterTopic;
import dev.sluice.kafka.KafkaDeadLetterSink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every Kafka client of the app, made from one {@link AppConfig.Kafka}: sources, sinks, dead
 * letters, state topics and an admin all get the same bootstrap servers and client settings
 * (security protocol, SASL, MSK IAM...), so a deployment changes them in one place. Its own reads
 * (end offsets, lags, topics) share one admin client, made at the first and closed by {@link #close()}:
 * a client per call took a few hundred milliseconds each, most of a stopping run's checks.
 */
final class AppKafkaClients implements AutoCloseable {

    private final AppConfig.Kafka kafka;
    private Admin admin;
    private boolean closed;

    AppKafkaClients(AppConfig.Kafka kafka) {
        this.kafka = kafka;
    }

    String bootstrap() {
        return kafka.bootstrap();
    }

    <T> KafkaSource<T> source(String group, Codec<T> codec, String topic) {
        KafkaSource<T> s = KafkaSource.of(codec).withBootstrapServers(kafka.bootstrap()).withGroupId(group).withTopics(topic);
        for (Map.Entry<String, String> e : kafka.client().entrySet()) {
            s = s.withProperty(e.getKey(), e.getValue());
        }
        return s;
    }

    <T> KafkaSink<T> sink(String topic, Codec<T> codec) {
        KafkaSink<T> s = KafkaSink.of(codec).withBootstrapServers(kafka.bootstrap()).withTopic(topic);
        for (Map.Entry<String, String> e : kafka.client().entrySet()) {
            s = s.withProperty(e.getKey(), e.getValue());
        }
        return s;
    }

    KafkaDeadLetterSink deadLetters(String topic, String pipeline) {
        return DeadLetterTopic.named(topic).withBootstrapServers(kafka.bootstrap()).withPipeline(pipeline).withProducerProperties(kafka.client()).open();
    }

    KafkaStateStore.Topic state(String topic) {
        return new KafkaStateStore.Topic(kafka.bootstrap(), topic, kafka.client());
    }

    /** The configured client settings (may hold secrets: hand them to clients, never print them). */
    Map<String, String> clientSettings() {
        return kafka.client();
    }

    /** The client settings for a producer (the ingest server's). */
    Map<String, Object> producerConfig() {
        return Map.copyOf(kafka.client());
    }

    /** The shared admin client (thread-safe), made at the first call. */
    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("the app's Kafka clients are closed");
        }
        if (admin == null) {
            Map<String, Object> p = new HashMap<>(kafka.client());
            p.put("bootstrap.servers", kafka.bootstrap());
            admin = Admin.create(p);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** Creates the topics that do not exist yet, with the configured partitions (replication: the broker's default). */
    void ensureTopics(List<String> topics) throws Exception {
        for (String t : topics) {
            try {
                admin().createTopics(List.of(new NewTopic(t, Optional.of(kafka.partitions()), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Records on the topic: the sum of its end offsets (no transactions, no compaction on the app's topics). */
    long endOffsets(String topic) throws Exception {
        return endOffsets(admin(), topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Records on the topic the consumer group has not committed yet: end offsets minus committed ones, over its partitions. */
    long lag(String group, String topic) throws Exception {
        long committed = admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        return endOffsets(admin(), topic).values().stream().mapToLong(Long::longValue).sum() - committed;
    }

    /**
     * Stops a stage once it has read {@code records} of {@code topic} (its end offsets, taken when
     * nothing more is written to it; see {@link StageStats#awaitRead}): {@code close} flushes and
     * commits. True if {@code group} then has the topic committed to its end.
     */
    boolean drainAndClose(String group, String topic, MeterRegistry meters, long records, Duration timeout, BooleanSupplier healthy,
                          Runnable close) throws Exception {
        boolean read = StageStats.awaitRead(meters, "kafka-source:" + topic, records, timeout, healthy);
        close.run();
        return read && lag(group, topic) == 0;
    }

    /** Waits until {@code group} has committed the whole topic; false on timeout or as soon as {@code healthy} says no. */
    boolean awaitCaughtUp(String group, String topic, Duration timeout, BooleanSupplier healthy) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lag(group, topic) > 0) {
            if (System.nanoTime() > deadline || !healthy.getAsBoolean()) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** Every record of the topic from the start to its end offsets at the time of the call. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) throws Exception {
        try (TopicTail tail = tail(topic)) {
            return tail.readToEnd();
        }
    }

    /** The topic from its beginning, read a little more at each call by one consumer ({@link TopicTail}). */
    TopicTail tail(String topic) {
        Map<String, Object> p = new HashMap<>(kafka.client());
        p.put("bootstrap.servers", kafka.bootstrap());
        p.put("enable.auto.commit", "false");
        return new TopicTail(topic, t -> endOffsets(admin(), t), new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }
}
