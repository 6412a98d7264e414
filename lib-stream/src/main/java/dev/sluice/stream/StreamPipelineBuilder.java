package dev.sluice.stream;

import dev.sluice.api.Require;
import dev.sluice.api.Transform;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.metrics.PipelineListener;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.source.Source;
import java.util.List;

/**
 * Describes a {@link StreamPipeline}: {@code via} chains transforms (each changes the output
 * type), {@code to} names the sinks. Immutable: every method returns a new builder.
 *
 * @param <I> what the source reads
 * @param <O> what the chain so far emits
 */
public final class StreamPipelineBuilder<I, O> {

    private final String name;
    private final Source<I> source;
    private final Transform<I, O> transform;
    private final DeadLetterSink deadLetters;
    private final ErrorPolicies policies;
    private final PipelineListener listener;
    private final StreamConfig config;

    @SuppressWarnings("unchecked")
    StreamPipelineBuilder(String name, Source<I> source) {
        this(Require.nonBlank(name, "name"), Require.nonNull(source, "source"), (Transform<I, O>) Transform.<I, I>map(v -> v),
                DeadLetterSink.none(), ErrorPolicies.defaults(), PipelineListener.noop(), StreamConfig.defaults());
    }

    private StreamPipelineBuilder(String name, Source<I> source, Transform<I, O> transform, DeadLetterSink deadLetters,
                                  ErrorPolicies policies, PipelineListener listener, StreamConfig config) {
        this.name = name;
        this.source = source;
        this.transform = transform;
        this.deadLetters = deadLetters;
        this.policies = policies;
        this.listener = listener;
        this.config = config;
    }

    /** Appends a transform to the chain. */
    public <P> StreamPipelineBuilder<I, P> via(Transform<O, P> next) {
        return new StreamPipelineBuilder<>(name, source, transform.andThen(Require.nonNull(next, "transform")), deadLetters, policies, listener, config);
    }

    /**
     * Where failed records go. Shared by the workers, so it must be thread-safe
     * (the Kafka dead-letter sink is). The caller closes it after the pipeline.
     * Without one, a DEAD_LETTER decision stops the pipeline rather than lose the record.
     */
    public StreamPipelineBuilder<I, O> deadLetters(DeadLetterSink sink) {
        return new StreamPipelineBuilder<>(name, source, transform, Require.nonNull(sink, "deadLetters"), policies, listener, config);
    }

    public StreamPipelineBuilder<I, O> errorPolicies(ErrorPolicies p) {
        return new StreamPipelineBuilder<>(name, source, transform, deadLetters, Require.nonNull(p, "errorPolicies"), listener, config);
    }

    /** Metrics and other observers; must be thread-safe (the workers call it concurrently). */
    public StreamPipelineBuilder<I, O> listener(PipelineListener l) {
        return new StreamPipelineBuilder<>(name, source, transform, deadLetters, policies, Require.nonNull(l, "listener"), config);
    }

    public StreamPipelineBuilder<I, O> config(StreamConfig c) {
        return new StreamPipelineBuilder<>(name, source, transform, deadLetters, policies, listener, Require.nonNull(c, "config"));
    }

    /** Names the sinks (one or more) and builds the pipeline; validates the combination. */
    @SafeVarargs
    public final StreamPipeline<I, O> to(Sink<O>... sinks) {
        Require.nonNull(sinks, "sinks");
        if (sinks.length == 0) {
            throw new IllegalArgumentException("to(...) needs at least one sink");
        }
        for (Sink<O> s : sinks) {
            Require.nonNull(s, "sink");
        }
        return StreamPipeline.create(name, source, transform, List.of(sinks), deadLetters, policies, listener, config);
    }
}
