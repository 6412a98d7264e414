package dev.sluice.api.codec;

import dev.sluice.api.testing.Item;
import dev.sluice.api.testing.Order;
import dev.sluice.api.testing.Status;
import java.time.Instant;
import java.util.List;

/** Test fixtures, shared with other modules through this module's test jar. */
public final class Orders {

    private Orders() {}

    public static Order order(String id) {
        return Order.newBuilder()
                .setId(id)
                .setCustomer("c-1")
                .setStatus(Status.PAID)
                .setItems(List.of(new Item("sku-1", 9.5, 2), new Item("sku-2", 1.25, 1)))
                .setCreatedAt(Instant.parse("2026-11-24T07:00:00Z"))
                .build();
    }
}
