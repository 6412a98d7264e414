package dev.sluice.examples;

import dev.sluice.api.Emitter;
import dev.sluice.api.Envelope;
import dev.sluice.api.Transform;
import dev.sluice.api.error.DataException;
import java.util.Locale;

/** Drops test orders, refuses a negative amount and upper-cases the country code. */
public final class ValidateOrder implements Transform<Order, Order> {

    @Override
    public void apply(Envelope<Order> in, Emitter<Order> out) {
        Order order = in.value();
        if (order.test()) {
            return;                            // filtered: not a failure, no dead letter
        }
        if (order.amountCents() < 0) {         // a poison record: dead-lettered with its raw bytes and this reason
            throw new DataException("$.amountCents: must not be negative, got " + order.amountCents());
        }
        String country = order.country().toUpperCase(Locale.ROOT);
        out.emit(in.withValue(new Order(order.id(), country, order.amountCents(), false)));  // keeps key, headers, position
    }
}
