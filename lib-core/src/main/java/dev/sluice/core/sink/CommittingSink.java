package dev.sluice.core.sink;

/** A sink with a second, idempotent commit step; see {@link CommittingSinkWriter}. */
public interface CommittingSink<T, C> extends Sink<T> {

    @Override
    CommittingSinkWriter<T, C> createWriter(SinkContext context);

    Committer<C> createCommitter();
}
