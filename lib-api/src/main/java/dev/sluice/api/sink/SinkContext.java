package dev.sluice.api.sink;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import dev.sluice.api.error.FailureHandler;

/**
 * What a writer is given by the runtime that drives it.
 *
 * @param failures applies the sink-stage policy to records the sink cannot take
 * @param subtask  which parallel writer this is, zero-based; used to make names unique
 */
@Public
public record SinkContext(FailureHandler failures, int subtask) {

    public SinkContext {
        Require.nonNull(failures, "failures");
        Require.atLeast(subtask, 0, "subtask");
    }
}
