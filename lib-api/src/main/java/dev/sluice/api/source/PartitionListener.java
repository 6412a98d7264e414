package dev.sluice.api.source;

import dev.sluice.api.annotation.Public;
import java.util.Set;

/**
 * What a runtime wants to hear from a reader whose partitions move (a consumer-group rebalance).
 * Called on the thread that polls, from inside {@link SourceReader#poll}.
 */
@Public
public interface PartitionListener {

    /**
     * These partitions are about to leave the reader: the runtime may still {@link SourceReader#commit}
     * their processed positions here, and must forget the rest (the next owner reads them again).
     */
    void beforeRevoke(Set<SourcePartition> partitions);

    PartitionListener NONE = partitions -> {};
}
