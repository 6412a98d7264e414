package dev.sluice.stream.elastic;

import dev.sluice.api.Envelope;
import dev.sluice.stream.io.GrowableBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code _bulk} request being built, then in flight: the NDJSON body in one growable array and,
 * per item, the record it came from and where its two lines lie, so that a retry can send only the
 * items that still need it. Built on the writer's thread, only read once sent.
 */
final class BulkRequest {

    /** One action: the record (for the dead letter and metrics) and its lines' span in the body. */
    record Item(Envelope<?> record, boolean delete, int start, int end) {}

    private final GrowableBytes body = new GrowableBytes(64 * 1024);
    private final List<Item> items = new ArrayList<>();
    private final long createdNanos = System.nanoTime();

    GrowableBytes body() {
        return body;
    }

    /** Records that the bytes from {@code start} to the current end are {@code record}'s action (and document). */
    void added(Envelope<?> record, boolean delete, int start) {
        items.add(new Item(record, delete, start, body.size()));
    }

    int size() {
        return items.size();
    }

    long bytes() {
        return body.size();
    }

    long ageNanos() {
        return System.nanoTime() - createdNanos;
    }

    List<Item> items() {
        return items;
    }

    /** A body of only {@code these} items, in their order (a retry of the refused ones). */
    byte[] bytesOf(List<Item> these) {
        int total = 0;
        for (Item i : these) {
            total += i.end() - i.start();
        }
        byte[] out = new byte[total];
        int at = 0;
        for (Item i : these) {
            System.arraycopy(body.array(), i.start(), out, at, i.end() - i.start());
            at += i.end() - i.start();
        }
        return out;
    }
}
