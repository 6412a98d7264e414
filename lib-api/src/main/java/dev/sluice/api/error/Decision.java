package dev.sluice.api.error;

import dev.sluice.api.annotation.Public;
import java.util.Locale;

/** What an {@link ErrorPolicy} decided to do with one failed attempt. */
@Public
public enum Decision {
    /** Try the same stage again after the policy's backoff. */
    RETRY,
    /** Send the raw record and the reason to the dead-letter sink, then go on. */
    DEAD_LETTER,
    /** Drop the record, count it in metrics and log it, then go on. Never silent. */
    SKIP_AND_COUNT,
    /** Stop the pipeline with a {@link PipelineException}. */
    FAIL;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
