package dev.sluice.stream;

import java.util.Locale;

/** Why a worker commits; only a shutdown flushes what retaining writers hold. */
enum CommitReason {
    /** The commit interval passed. */
    INTERVAL,
    /** A poll returned nothing: the input went quiet. */
    IDLE,
    /** Partitions are leaving the worker. */
    REBALANCE,
    /** The pipeline stops: everything is flushed first. */
    SHUTDOWN;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
