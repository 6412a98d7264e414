package dev.sluice.examples.readme;

import dev.sluice.api.Emitter;
import dev.sluice.api.Envelope;
import dev.sluice.api.Transform;
import dev.sluice.api.error.DataException;

/** Refuses a payment of nothing or less: a poison record, dead-lettered. */
public final class Validate implements Transform<Txn, Txn> {

    @Override
    public void apply(Envelope<Txn> in, Emitter<Txn> out) {
        if (in.value().amountCents() <= 0) {
            throw new DataException("$.amountCents: must be positive, got " + in.value().amountCents());
        }
        out.emit(in);
    }
}
