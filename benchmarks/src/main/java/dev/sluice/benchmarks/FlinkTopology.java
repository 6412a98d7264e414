package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.EnrichedEvent;
import dev.sluice.benchmarks.model.Event;
import dev.sluice.formats.ConfluentAvroCodec;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Flink peer's job: the identical topology with Flink 2.2's KafkaSource, then decode, filter,
 * map, enrich, encode with the same codec and the same functions, then its KafkaSink, keys passed
 * through; parallelism as many as the others have workers. Checkpoints every second in both modes,
 * as the others commit every second: at-least-once (barriers not aligned, the sink flushes on each
 * checkpoint) or exactly-once (the sink's transactions commit with the checkpoint); the source
 * commits the group's offsets when a checkpoint completes. Object reuse is on, as Flink's tuning
 * guide advises for functions that do not keep or mutate their input (these do neither), so the
 * chained operators hand records on without copying them. The producer's settings are its
 * defaults but lz4, as Kafka Streams'.
 */
final class FlinkTopology {

    private static final TypeInformation<byte[]> BYTES = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    private static final TypeInformation<Tuple2<byte[], byte[]>> RAW = new TupleTypeInfo<>(BYTES, BYTES);
    private static final TypeInformation<Tuple2<byte[], Event>> EVENTS = new TupleTypeInfo<>(BYTES, new GenericTypeInfo<>(Event.class));
    private static final TypeInformation<Tuple2<byte[], EnrichedEvent>> ENRICHED =
            new TupleTypeInfo<>(BYTES, new GenericTypeInfo<>(EnrichedEvent.class));

    private FlinkTopology() {}

    /**
     * The job reading {@code in} as {@code group} and writing {@code out}. The input's writer
     * schema must have id {@code eventSchemaId} in a fresh registry, as it has in the harness's
     * (both register it first), or decoding would look up another schema.
     */
    static StreamGraph graph(String bootstrap, String in, String out, String group, boolean exactlyOnce, int parallelism,
                             int eventSchemaId) {
        FixedRegistry registry = new FixedRegistry();
        int id = registry.register("events-value", Event.getClassSchema());
        if (id != eventSchemaId) {
            throw new IllegalStateException("the event schema has id " + id + " here but " + eventSchemaId + " in the input");
        }
        ConfluentAvroCodec<Event> inCodec = Events.codec(registry);
        ConfluentAvroCodec<EnrichedEvent> outCodec = ConfluentAvroCodec.specific(registry, "enriched-value", EnrichedEvent.class);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(new Configuration());
        env.setParallelism(parallelism);
        env.getConfig().enableObjectReuse();
        env.enableCheckpointing(1_000, exactlyOnce ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        KafkaSource<Tuple2<byte[], byte[]>> source = KafkaSource.<Tuple2<byte[], byte[]>>builder()
                .setBootstrapServers(bootstrap).setTopics(in).setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest()).setDeserializer(new KeyAndValue()).build();
        KafkaSink<Tuple2<byte[], byte[]>> sink = KafkaSink.<Tuple2<byte[], byte[]>>builder()
                .setBootstrapServers(bootstrap).setRecordSerializer(new ToTopic(out))
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(group)
                .setProperty("compression.type", "lz4")
                .setProperty("transaction.timeout.ms", "60000") // Flink's default (1 h) is above the broker's 15 min maximum
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "in", RAW)
                .map(r -> Tuple2.of(r.f0, inCodec.decode(r.f1))).returns(EVENTS)
                .filter(e -> EventLogic.keep(e.f1.getBot()))
                .map(e -> Tuple2.of(e.f0, HotPathTransforms.normalize(e.f1))).returns(ENRICHED)
                .map(e -> Tuple2.of(e.f0, HotPathTransforms.enrich(e.f1))).returns(ENRICHED)
                .map(e -> Tuple2.of(e.f0, outCodec.encode(e.f1))).returns(RAW)
                .sinkTo(sink);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(group);
        return graph;
    }

    /** A record's key and value bytes, as the other contenders read them. */
    private static final class KeyAndValue implements KafkaRecordDeserializationSchema<Tuple2<byte[], byte[]>> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Tuple2<byte[], byte[]>> out) {
            out.collect(Tuple2.of(record.key(), record.value()));
        }

        @Override
        public TypeInformation<Tuple2<byte[], byte[]>> getProducedType() {
            return RAW;
        }
    }

    /** Key and value to the output topic, partitioned by the key as the other contenders' producers do. */
    private record ToTopic(String topic) implements KafkaRecordSerializationSchema<Tuple2<byte[], byte[]>> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(Tuple2<byte[], byte[]> r, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, r.f0, r.f1);
        }
    }
}
