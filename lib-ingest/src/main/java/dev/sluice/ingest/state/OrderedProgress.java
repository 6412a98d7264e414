package dev.sluice.ingest.state;

import dev.sluice.core.Position;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The progress of a reader that reads one ordered stream (an API listing, a table by its
 * incremental key): what it read waits in order, each with the state to store once it and
 * everything before it are done. Done means committed by the runtime, or dead-lettered by the
 * reader itself. The state to store is always that of the longest done prefix, so a restart never
 * skips an uncommitted record. Not thread-safe.
 *
 * @param <S> the reader's state
 */
public final class OrderedProgress<S> {

    private static final class Entry<S> {
        final S after;
        boolean done;

        Entry(S after, boolean done) {
            this.after = after;
            this.done = done;
        }
    }

    private final Deque<Entry<S>> inOrder = new ArrayDeque<>();
    private final Map<Position, Entry<S>> open = new HashMap<>();

    /** A record handed to the runtime: done when its position is committed. */
    public void read(Position position, S after) {
        Entry<S> e = new Entry<>(after, false);
        inOrder.add(e);
        open.put(position, e);
    }

    /** A record the reader finished itself (dead-lettered), or a marker such as the end of a listing. */
    public void finished(S after) {
        inOrder.add(new Entry<>(after, true));
    }

    /** Marks committed positions done; answers how many were not open (already done, or never read). */
    public int commit(Collection<? extends Position> positions) {
        int unknown = 0;
        for (Position p : positions) {
            Entry<S> e = open.remove(p);
            if (e == null) {
                unknown++;
            } else {
                e.done = true;
            }
        }
        return unknown;
    }

    /** The state after the longest done prefix, removing that prefix; null when nothing new is done. */
    public S advance() {
        S last = null;
        while (!inOrder.isEmpty() && inOrder.peekFirst().done) {
            last = inOrder.pollFirst().after;
        }
        return last;
    }

    /** Records read and not yet done. */
    public int pending() {
        return open.size();
    }
}
