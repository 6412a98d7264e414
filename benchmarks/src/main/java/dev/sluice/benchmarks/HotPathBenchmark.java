package dev.sluice.benchmarks;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.TransformContext;
import dev.sluice.api.TransformRunner;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.benchmarks.model.EnrichedEvent;
import dev.sluice.benchmarks.model.Event;
import dev.sluice.formats.ConfluentAvroCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One record through the hot path: decode (Confluent wire format) -> filter -> map -> enrich ->
 * encode. {@code sluice}: Sluice's codecs and TransformRunner over generated records. {@code plainAvro}:
 * the same work written directly against Avro's GenericDatumReader/GenericDatumWriter, as a
 * careful user would (reader and writer built once, new decoder and encoder per record).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class HotPathBenchmark {

    private static final int RECORDS = 1024;

    private byte[][] input;
    private int next;

    private ConfluentAvroCodec<Event> inCodec;
    private ConfluentAvroCodec<EnrichedEvent> outCodec;
    private TransformRunner<Event, EnrichedEvent> runner;

    private Schema eventSchema;
    private Schema outSchema;
    private GenericDatumReader<GenericRecord> genericReader;
    private GenericDatumWriter<GenericRecord> genericWriter;
    private byte[] outHeader;

    @Setup
    public void setUp() {
        FixedRegistry registry = new FixedRegistry();
        inCodec = Events.codec(registry);
        outCodec = ConfluentAvroCodec.specific(registry, "enriched-value", EnrichedEvent.class);
        input = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            input[i] = inCodec.encode(Events.event(i));
        }
        FailureHandler failures = new FailureHandler("bench", ErrorPolicies.defaults(), DeadLetterSink.none(), PipelineListener.noop());
        runner = TransformRunner.open(HotPathTransforms.chain(), TransformContext.of("bench", "chain"), failures, PipelineListener.noop());

        eventSchema = Event.getClassSchema();
        outSchema = EnrichedEvent.getClassSchema();
        genericReader = new GenericDatumReader<>(eventSchema);
        genericWriter = new GenericDatumWriter<>(outSchema);
        int outId = registry.register("enriched-value", outSchema);
        outHeader = ByteBuffer.allocate(5).put((byte) 0).putInt(outId).array();
    }

    @TearDown
    public void tearDown() {
        runner.close();
    }

    private byte[] nextInput() {
        byte[] b = input[next];
        next = (next + 1) & (RECORDS - 1);
        return b;
    }

    @Benchmark
    public void sluice(Blackhole bh) {
        // As a source builds it: value, position, the record's timestamp and its bytes.
        byte[] bytes = nextInput();
        Event e = inCodec.decode(bytes);
        Envelope<Event> in = Envelope.of(e, null, EnvelopeHeaders.empty(), new Position.Kafka("events", 0, next), Instant.ofEpochMilli(e.getTimestamp().toEpochMilli()), bytes);
        runner.process(in, out -> bh.consume(outCodec.encode(out.value())));
    }

    @Benchmark
    public void plainAvro(Blackhole bh) throws IOException {
        byte[] bytes = nextInput();
        // The registry id is read and checked as Confluent's deserializer does; the schema is known.
        if (bytes[0] != 0 || ByteBuffer.wrap(bytes, 1, 4).getInt() <= 0) {
            throw new IOException("bad header");
        }
        GenericRecord e = genericReader.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        if (!EventLogic.keep((Boolean) e.get("bot"))) {
            return;
        }
        GenericRecord out = new GenericData.Record(outSchema);
        out.put("eventId", e.get("eventId"));
        out.put("userId", e.get("userId"));
        out.put("sessionId", e.get("sessionId"));
        out.put("path", EventLogic.path(e.get("url").toString()));
        out.put("referrer", e.get("referrer"));
        out.put("userAgent", e.get("userAgent"));
        out.put("country", e.get("country"));
        out.put("region", "");
        out.put("durationMs", e.get("durationMs"));
        out.put("scrollPct", e.get("scrollPct"));
        out.put("priceCents", EventLogic.cents((Double) e.get("price")));
        out.put("timestamp", e.get("timestamp"));
        out.put("region", EventLogic.region(e.get("country").toString()));
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        buf.write(outHeader);
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(buf, null);
        genericWriter.write(out, enc);
        enc.flush();
        bh.consume(buf.toByteArray());
    }
}
