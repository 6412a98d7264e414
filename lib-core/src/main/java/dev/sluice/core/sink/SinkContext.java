package dev.sluice.core.sink;

import dev.sluice.core.Require;
import dev.sluice.core.error.FailureHandler;

/**
 * What a writer is given by the runtime that drives it.
 *
 * @param failures applies the sink-stage policy to records the sink cannot take
 * @param subtask  which parallel writer this is, zero-based; used to make names unique
 */
public record SinkContext(FailureHandler failures, int subtask) {

    public SinkContext {
        Require.nonNull(failures, "failures");
        Require.atLeast(subtask, 0, "subtask");
    }
}
