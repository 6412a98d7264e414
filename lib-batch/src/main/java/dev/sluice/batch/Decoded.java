package dev.sluice.batch;

import dev.sluice.core.Envelope;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;

/**
 * A task's inputs turned into envelopes lazily, one at a time, so a partition never sits in memory
 * whole. {@code decode} answers null for an input it handed to the failure handler (dead-lettered
 * or skipped by the policy); such an input is passed over.
 */
final class Decoded<A> implements Iterator<Envelope<GenericRecord>> {

    private final Iterator<A> inputs;
    private final Function<A, Envelope<GenericRecord>> decode;
    private Envelope<GenericRecord> ready;

    Decoded(Iterator<A> inputs, Function<A, Envelope<GenericRecord>> decode) {
        this.inputs = inputs;
        this.decode = decode;
    }

    @Override
    public boolean hasNext() {
        while (ready == null && inputs.hasNext()) {
            ready = decode.apply(inputs.next());
        }
        return ready != null;
    }

    @Override
    public Envelope<GenericRecord> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Envelope<GenericRecord> e = ready;
        ready = null;
        return e;
    }
}
