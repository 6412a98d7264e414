package dev.sluice.core.sink;

import java.util.List;

/**
 * A writer whose output becomes visible in a second step, for exactly-once (the Flink sink2 shape):
 * the writer stages data (an open transaction, uploaded parts, files under a temporary name) and
 * {@link #prepareCommit} hands out committables; a {@link Committer} makes them visible.
 *
 * <p>Contract: {@code prepareCommit} flushes, then returns a committable for everything written
 * since the last call, and starts a new staging unit. The runtime persists the committables with
 * the source positions and commits them after; on restart it re-commits what it persisted, so
 * committing must be idempotent.
 *
 * @param <C> the committable (a transaction id, an upload id and its parts, a file list); serializable
 */
public interface CommittingSinkWriter<T, C> extends SinkWriter<T> {

    List<C> prepareCommit();
}
