package dev.sluice.ingest.cdc;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.PipelineException;
import dev.sluice.api.error.Stage;
import dev.sluice.api.source.SourceContext;
import dev.sluice.ingest.state.OrderedStreamReader;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link CdcSource} by running the Debezium engine on a thread of its own. The engine's
 * consumer queues the records it is handed (a bounded queue: a full queue holds the engine back)
 * and returns without marking them. {@link #commit} marks processed, in log order, the records
 * whose positions (and all before them) are committed, then has the engine store its offsets
 * before it returns; so the engine's offsets never pass a record Kafka has not acknowledged.
 * Records that cannot be converted go to the dead letter and count as done; heartbeats and
 * schema-change events are skipped as done. Records stay in hand until their offsets are stored,
 * so a {@link #rewind} hands the uncommitted ones out again, in log order, without the engine;
 * {@link #pause} stops taking from the queue, which holds the engine back once full.
 */
final class CdcSourceReader extends OrderedStreamReader<GenericRecord> {

    private static final Logger log = LoggerFactory.getLogger(CdcSourceReader.class);

    /** A record read from the engine, with the committer that stores its offset. */
    private static final class Pending {
        final RecordChangeEvent<SourceRecord> event;
        final DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer;
        boolean done;

        Pending(RecordChangeEvent<SourceRecord> event, DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) {
            this.event = event;
            this.committer = committer;
        }
    }

    private static final int QUEUE = 8_192;
    private static final int MAX_POLL = 2_048;

    private final CdcSource source;
    private final FailureHandler failures;
    private final String component;
    private final ConnectAvro avro = new ConnectAvro();
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Deque<Pending> inOrder = new ArrayDeque<>();
    private final Map<Position, Pending> handed = new HashMap<>();
    private final Deque<Pending> replay = new ArrayDeque<>();
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final ExecutorService thread;
    private volatile Throwable engineError;
    private volatile boolean closing;
    private final CountDownLatch started = new CountDownLatch(1);
    private long sequence;

    CdcSourceReader(CdcSource source, SourceContext context) {
        this.source = source;
        this.failures = context.failures();
        this.component = "cdc-source:" + source.name();
        Properties p = new Properties();
        p.putAll(source.connector());
        p.put("offset.storage", StateStoreOffsets.class.getName());
        p.put(StateStoreOffsets.BOOTSTRAP, source.offsets().bootstrapServers());
        p.put(StateStoreOffsets.TOPIC, source.offsets().topic());
        p.put(StateStoreOffsets.KEY, "cdc:" + source.name());
        p.put("offset.flush.interval.ms", "0"); // flush as soon as a batch is finished, i.e. committed downstream
        this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class)).using(p).notifying(this::handleBatch)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.countDown();
                    }
                })
                .using((success, message, error) -> {
                    started.countDown();
                    if (!success && !closing) {
                        engineError = error != null ? error : new IllegalStateException(message);
                        log.error("CDC source {}: the engine stopped: {}", source.name(), message);
                    }
                }).build();
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "sluice-cdc-" + source.name()));
        thread.execute(engine);
    }

    /** Runs on the engine's thread: queues the batch, waiting while the queue is full. */
    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        for (RecordChangeEvent<SourceRecord> r : records) {
            Pending p = new Pending(r, committer);
            while (!queue.offer(p, 100, TimeUnit.MILLISECONDS)) {
                if (closing) {
                    return;
                }
            }
        }
    }

    @Override
    public List<Envelope<GenericRecord>> poll(Duration timeout) {
        if (closing) {
            throw new IllegalStateException("CDC source " + source.name() + " is closed");
        }
        if (engineError != null) {
            throw new PipelineException("CDC source " + source.name() + " failed: " + engineError.getMessage(), engineError);
        }
        if (waitedWhilePaused(timeout)) {
            return List.of();
        }
        List<Pending> taken = new ArrayList<>();
        try {
            while (!replay.isEmpty() && taken.size() < MAX_POLL) {
                taken.add(replay.pollFirst()); // what a rewind handed back comes before anything newer
            }
            if (taken.isEmpty()) {
                Pending first = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    return List.of();
                }
                taken.add(first);
                queue.drainTo(taken, MAX_POLL - 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        List<Envelope<GenericRecord>> out = new ArrayList<>(taken.size());
        for (Pending p : taken) {
            inOrder.add(p);
            if (p.done) {
                continue; // handed again after a rewind, but committed or dead-lettered before it
            }
            Envelope<GenericRecord> e = convert(p.event.record());
            if (e == null) {
                p.done = true;
            } else {
                handed.put(e.position(), p);
                out.add(e);
            }
        }
        return out;
    }

    /** The record as an envelope, or null when it is done already (skipped, or dead-lettered). */
    private Envelope<GenericRecord> convert(SourceRecord r) {
        if (r.value() == null || r.valueSchema() == null || r.valueSchema().name() == null || !r.valueSchema().name().endsWith(".Envelope")) {
            log.debug("CDC source {}: skipping a non-change record of topic {}", source.name(), r.topic());
            return null;
        }
        Struct value = (Struct) r.value();
        Position pos = new CdcPosition(source.name(), sequence++, String.valueOf(r.sourceOffset()));
        byte[] raw = value.toString().getBytes(StandardCharsets.UTF_8);
        Object ts = value.schema().field("ts_ms") == null ? null : value.get("ts_ms");
        Instant at = ts instanceof Long l ? Instant.ofEpochMilli(l) : Instant.now();
        EnvelopeHeaders headers = EnvelopeHeaders.empty().with("sluice.cdc.op", value.getString("op")).with("sluice.cdc.topic", r.topic());
        Envelope<byte[]> env = Envelope.of(raw, key(r), headers, pos, at, raw);
        FailureHandler.Outcome<GenericRecord> converted = failures.run(Stage.DESERIALIZE, component, env, () -> {
            GenericRecord envelope = (GenericRecord) avro.value(r.valueSchema(), value);
            return source.value() == CdcSource.Value.AFTER ? (GenericRecord) envelope.get("after") : envelope;
        });
        return converted.succeeded() ? env.withValue(converted.value()) : null;
    }

    /** The primary key as text: the key struct's values joined with '|'. */
    private static byte[] key(SourceRecord r) {
        if (!(r.key() instanceof Struct k)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        k.schema().fields().forEach(f -> sb.append(sb.length() > 0 ? "|" : "").append(k.get(f)));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void commit(Collection<? extends Position> positions) {
        int unknown = 0;
        for (Position p : positions) {
            Pending e = handed.remove(p);
            if (e == null) {
                unknown++;
            } else {
                e.done = true;
            }
        }
        if (unknown > 0) {
            log.warn("CDC source {}: ignoring {} positions it did not hand out or already committed", source.name(), unknown);
        }
        DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer = null;
        try {
            while (!inOrder.isEmpty() && inOrder.peekFirst().done) {
                Pending done = inOrder.pollFirst();
                done.committer.markProcessed(done.event);
                committer = done.committer;
            }
            if (committer != null) {
                committer.markBatchFinished(); // stores the offsets now (offset.flush.interval.ms=0)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("CDC source " + source.name() + ": interrupted while storing offsets", e);
        }
    }

    /** Every record handed out and not yet stored comes again, in log order, with new positions. */
    @Override
    public void rewind() {
        handed.clear();
        List<Pending> again = new ArrayList<>(inOrder);
        inOrder.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            replay.addFirst(again.get(i));
        }
        log.info("CDC source {} rewinds: {} records not yet stored come again", source.name(), again.size());
    }

    /** Debezium refuses to stop while its tasks are still starting: ask again until they have. */
    private void closeEngine() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                engine.close(); // stores the offsets of records marked processed
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    log.warn("CDC source {}: the engine would not stop: {}", source.name(), e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (IOException e) {
                log.warn("CDC source {}: the engine did not close cleanly: {}", source.name(), e.getMessage());
                return;
            }
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        try {
            // Closing an engine that is still starting makes it fail loudly; let it start first (or fail).
            if (!started.await(30, TimeUnit.SECONDS)) {
                log.warn("CDC source {}: the engine did not start within 30 s; closing it anyway", source.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        closeEngine();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("CDC source {}: the engine thread did not stop within 30 s", source.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
