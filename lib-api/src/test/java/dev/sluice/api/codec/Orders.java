package dev.sluice.api.codec;

import dev.sluice.api.testing.Item;
import dev.sluice.api.testing.Order;
import dev.sluice.api.testing.Status;
import java.time.Instant;
import java.util.ArrayList;
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

    /** Order {@code n} of a varied run: 0-3 items, non-ASCII text, a note on two in three. */
    public static Order varied(int n) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n % 4; i++) {
            items.add(Item.newBuilder().setSku("sku-" + i + "-ü").setPrice(i * 1.5).setQuantity(i).build());
        }
        return Order.newBuilder().setId("o-" + n).setCustomer(n % 2 == 0 ? "c" : "Kunde Müller")
                .setStatus(Status.values()[n % 3]).setItems(items).setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L + n))
                .setNote(n % 3 == 0 ? null : "note " + n).build();
    }
}
