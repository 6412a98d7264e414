package dev.sluice.core.codec;

import dev.sluice.core.testing.Item;
import dev.sluice.core.testing.Order;
import dev.sluice.core.testing.Status;
import java.time.Instant;
import java.util.List;

/** Test fixtures. */
final class Orders {

    private Orders() {}

    static Order order(String id) {
        return Order.newBuilder()
                .setId(id)
                .setCustomer("c-1")
                .setStatus(Status.PAID)
                .setItems(List.of(new Item("sku-1", 9.5, 2), new Item("sku-2", 1.25, 1)))
                .setCreatedAt(Instant.parse("2026-11-24T07:00:00Z"))
                .build();
    }
}
