package dev.sluice.api;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simplest correct pipeline: one thread, at-least-once. Each cycle polls the source, runs the
 * transform on every record, writes outputs to every sink, flushes the sinks and the dead-letter
 * sink, and only then commits the polled positions. A crash anywhere before the commit means the
 * cycle is read again; nothing is lost, duplicates are possible.
 *
 * <p>It is the executable form of the {@link SourceReader}/{@link SinkWriter} contracts and what
 * examples and tests use. Production pipelines use lib-stream's runtime (workers, backpressure,
 * exactly-once, graceful rebalance) on the same sources, sinks and transforms.
 *
 * <p>Not thread-safe, except {@link #stop()}, which any thread may call.
 */
@Public
public final class BasicPipeline<I, O> implements AutoCloseable {

    private final String name;
    private final SourceReader<I> reader;
    private final TransformRunner<I, O> runner;
    private final List<SinkWriter<O>> writers = new ArrayList<>();
    private final DeadLetterSink deadLetters;
    private final PipelineGraph graph;
    private volatile boolean running = true;
    private long processed;

    /**
     * Opens the reader, transform and writers.
     *
     * @param deadLetters where failed records go (owned by the caller, who closes it); use
     *                    {@link DeadLetterSink#none()} to fail instead
     */
    public BasicPipeline(String name, Source<I> source, Transform<I, O> transform, List<? extends Sink<O>> sinks,
                         DeadLetterSink deadLetters, ErrorPolicies policies, PipelineListener listener) {
        this.name = Require.nonBlank(name, "name");
        Require.nonNull(sinks, "sinks");
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("sinks must name at least one sink");
        }
        this.deadLetters = Require.nonNull(deadLetters, "deadLetters");
        FailureHandler failures = new FailureHandler(name, policies, deadLetters, listener);
        this.graph = graph(name, Require.nonNull(source, "source"), sinks, deadLetters);
        this.reader = source.createReader(SourceContext.of(failures, listener));
        try {
            this.runner = TransformRunner.open(Require.nonNull(transform, "transform"), TransformContext.of(name, "transform"), failures, listener);
            for (Sink<O> sink : sinks) {
                writers.add(sink.createWriter(new SinkContext(failures, listener, 0)));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A pipeline's graph from its parts: the source's datasets in; every sink's and the dead-letter
     * sink's datasets out. The stream runtime builds its graph with this too.
     */
    public static PipelineGraph graph(String name, Source<?> source, List<? extends Sink<?>> sinks, DeadLetterSink deadLetters) {
        List<LineageDataset> outputs = new ArrayList<>();
        sinks.forEach(s -> outputs.addAll(s.datasets()));
        outputs.addAll(deadLetters.datasets());
        return PipelineGraph.of(name, source.datasets(), outputs);
    }

    /** The datasets read and written, for lineage. */
    public PipelineGraph graph() {
        return graph;
    }

    /**
     * One cycle: poll, process, write, flush, commit.
     *
     * @return how many records were polled (0 when none arrived within {@code pollTimeout})
     */
    public int runOnce(Duration pollTimeout) {
        List<Envelope<I>> batch = reader.poll(pollTimeout);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Position> positions = new ArrayList<>(batch.size());
        for (Envelope<I> in : batch) {
            runner.process(in, out -> writers.forEach(w -> w.write(out)));
            positions.add(in.position());
        }
        writers.forEach(SinkWriter::flush);
        deadLetters.flush();
        reader.commit(positions);
        processed += batch.size();
        return batch.size();
    }

    /** Runs cycles until {@link #stop()} is called. */
    public void run() {
        while (running) {
            runOnce(Duration.ofMillis(200));
        }
    }

    public void stop() {
        running = false;
    }

    /** Records polled so far (decoded ones; dead letters of the decode stage are not counted). */
    public long processed() {
        return processed;
    }

    public String name() {
        return name;
    }

    /** Closes writers, transform and reader, without committing anything not yet committed. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable c : closeables()) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private List<AutoCloseable> closeables() {
        List<AutoCloseable> all = new ArrayList<>(writers);
        if (runner != null) {
            all.add(runner);
        }
        all.add(reader);
        return all;
    }
}
