package dev.sluice.ingest.state;

import dev.sluice.api.Position;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of a reader that reads one ordered stream (an API listing, a table by its
 * incremental key): what it read waits in order, each with the state to store once it and
 * everything before it are done. Done means committed by the runtime, or dead-lettered by the
 * reader itself. The state to store is always that of the longest done prefix, so a restart never
 * skips an uncommitted record; {@link #store()} puts it in the reader's {@link StateStore}. Not
 * thread-safe.
 *
 * @param <S> the reader's state
 */
public final class OrderedProgress<S> {

    private static final Logger log = LoggerFactory.getLogger(OrderedProgress.class);

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
    private final StateStore store;
    private final String key;
    private final Function<S, String> toJson;
    private S stored;

    /** Progress kept under {@code key} in {@code store}, each state written as {@code toJson} gives it. */
    public OrderedProgress(StateStore store, String key, Function<S, String> toJson) {
        this.store = store;
        this.key = key;
        this.toJson = toJson;
    }

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

    /** Marks committed positions done and stores the state they reach (see {@link #store()}). */
    public void commit(Collection<? extends Position> positions) {
        int unknown = 0;
        for (Position p : positions) {
            Entry<S> e = open.remove(p);
            if (e == null) {
                unknown++;
            } else {
                e.done = true;
            }
        }
        if (unknown > 0) {
            log.warn("{}: ignoring {} positions it did not hand out or already committed", key, unknown);
        }
        store();
    }

    /** Stores the state after the longest done prefix, removing that prefix; nothing when nothing new is done. */
    public void store() {
        S last = null;
        while (!inOrder.isEmpty() && inOrder.peekFirst().done) {
            last = inOrder.pollFirst().after;
        }
        if (last != null) {
            store.put(key, toJson.apply(last));
            stored = last;
        }
    }

    /**
     * Forgets everything read and not stored (a rewind: the runtime drops those records and reads
     * them again) and answers the state stored last by this progress; empty when it has stored
     * none, so the reader starts again where it started.
     */
    public Optional<S> rewind() {
        inOrder.clear();
        open.clear();
        return Optional.ofNullable(stored);
    }

    /** Records read and not yet done. */
    public int pending() {
        return open.size();
    }
}
