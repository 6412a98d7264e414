package dev.sluice.examples.readme;

import dev.sluice.api.Emitter;
import dev.sluice.api.Envelope;
import dev.sluice.api.Transform;
import java.util.Locale;

/** Upper-cases the currency code, so that downstream groups by one spelling. */
public final class Normalize implements Transform<Txn, Txn> {

    @Override
    public void apply(Envelope<Txn> in, Emitter<Txn> out) {
        Txn t = in.value();
        out.emit(in.withValue(new Txn(t.id(), t.account(), t.amountCents(), t.currency().toUpperCase(Locale.ROOT))));
    }
}
