package dev.sluice.ingest.state;

import dev.sluice.api.annotation.Internal;
import dev.sluice.api.source.SourceReader;
import java.time.Duration;

/**
 * The pause switch of a reader of one ordered stream (an API listing, a table, a database log):
 * such a reader has one logical partition, so pausing it pauses everything. A poll while paused
 * waits out its timeout and hands out nothing; what the stream holds meanwhile stays where it is.
 *
 * @param <T> the records' value type
 */
@Internal
public abstract class OrderedStreamReader<T> implements SourceReader<T> {

    private boolean paused;

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public int pausedPartitions() {
        return paused ? 1 : 0;
    }

    /** True (after waiting {@code timeout}) when paused: the poll then returns nothing. */
    protected boolean waitedWhilePaused(Duration timeout) {
        if (!paused) {
            return false;
        }
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
