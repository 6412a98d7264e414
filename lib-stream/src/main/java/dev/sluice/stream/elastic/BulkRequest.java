package dev.sluice.stream.elastic;

import dev.sluice.api.Envelope;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code _bulk} request being built, then in flight: the NDJSON body in one growable array and,
 * per item, the record it came from and where its two lines lie, so that a retry can send only the
 * items that still need it. Built on the writer's thread; after {@link #seal()} only read.
 */
final class BulkRequest {

    /** One action: the record (for the dead letter and metrics) and its lines' span in the body. */
    record Item(Envelope<?> record, boolean delete, int start, int end) {}

    /** An unsynchronized growable buffer (ByteArrayOutputStream's locks show on the write path). */
    static final class Body extends OutputStream {
        private byte[] buf = new byte[64 * 1024];
        private int count;

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }

        int size() {
            return count;
        }

        /** Forgets everything after {@code size} (an item whose encoding failed half way). */
        void truncate(int size) {
            count = size;
        }

        byte[] array() {
            return buf;
        }
    }

    private final Body body = new Body();
    private final List<Item> items = new ArrayList<>();
    private final long createdNanos = System.nanoTime();

    Body body() {
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

    /** The whole body. */
    byte[] bytesOf() {
        return Arrays.copyOf(body.array(), body.size());
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
