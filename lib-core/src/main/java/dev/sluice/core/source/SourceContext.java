package dev.sluice.core.source;

import dev.sluice.core.Require;
import dev.sluice.core.error.FailureHandler;

/**
 * What a reader is given by the runtime that drives it.
 *
 * @param failures applies the deserialize-stage policy to records that do not decode, and carries
 *                 the pipeline's listener for metrics
 */
public record SourceContext(FailureHandler failures) {

    public SourceContext {
        Require.nonNull(failures, "failures");
    }
}
