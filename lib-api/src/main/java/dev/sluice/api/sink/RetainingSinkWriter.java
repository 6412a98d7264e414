package dev.sluice.api.sink;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.source.SourcePartition;
import java.util.Collection;
import java.util.Map;

/**
 * A writer that keeps records across commits and makes them durable in units it chooses (files
 * being built, the Kafka Connect S3 sink shape). The runtime commits only what such a writer says is
 * durable, so records it still holds are read again after a crash.
 *
 * <p>Contract, in addition to {@link SinkWriter}:
 * <ul>
 *   <li>{@link #checkpoint} does not wait for open units: it closes what is due (timeouts), rethrows
 *       the failure of an upload that gave up, and answers, for each source partition with records
 *       not yet durable, the offset of the oldest of them. The runtime commits no offset at or past
 *       it. Partitions absent from the answer hold nothing.</li>
 *   <li>{@link #flush} keeps the base contract: everything written becomes durable (open units are
 *       closed early). The runtime calls it only when it stops.</li>
 *   <li>{@link #release} and {@link #discardAll} drop records: the runtime calls them only when those
 *       records will be read again from the last commit (a rebalance, a rewind after a failure), so a
 *       writer must never report them durable afterwards.</li>
 * </ul>
 */
@Public
public interface RetainingSinkWriter<T> extends SinkWriter<T> {

    /** Per source partition, the offset of the oldest record written but not yet durable. */
    Map<SourcePartition, Long> checkpoint();

    /** True while the writer holds as much as its memory bound allows: the runtime pauses its source until false. */
    boolean isFull();

    /**
     * These partitions are leaving this worker: wait (bounded) for the units of theirs already closing,
     * so their offsets can be committed before the next owner starts, and drop the ones still open.
     * Answers, like {@link #checkpoint}, the oldest offset per partition that is not durable.
     */
    Map<SourcePartition, Long> release(Collection<SourcePartition> partitions);

    /** Everything after the last commit will be read again: drop every record not yet durable. */
    void discardAll();

    /** These offsets (the next offset to read, per partition) are committed: bookkeeping may be cleaned up. */
    default void committed(Map<SourcePartition, Long> offsets) {}
}
