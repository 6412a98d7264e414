package dev.sluice.batch;

import java.util.Iterator;
import java.util.function.Function;

/**
 * A Spark task's output iterator: maps each element, and runs {@code atEnd} once when the last
 * one has been taken, before the task returns (where a task flushes what it wrote on the side:
 * dead letters, error files), so the job or micro-batch commits only after it.
 */
final class TaskOutput<A, B> implements Iterator<B> {

    private final Iterator<A> in;
    private final Function<A, B> map;
    private final Runnable atEnd;
    private boolean ended;

    TaskOutput(Iterator<A> in, Function<A, B> map, Runnable atEnd) {
        this.in = in;
        this.map = map;
        this.atEnd = atEnd;
    }

    @Override
    public boolean hasNext() {
        boolean more = in.hasNext();
        if (!more && !ended) {
            ended = true;
            atEnd.run();
        }
        return more;
    }

    @Override
    public B next() {
        return map.apply(in.next());
    }
}
