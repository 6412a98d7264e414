package dev.sluice.stream.s3;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An append-only byte buffer in chunks that double from 8 KiB to 1 MiB, so thousands of small open
 * files stay small and a large one does not copy on growth. Every allocated byte is counted in a
 * budget shared by the writer and its upload threads, and given back by {@link #release()}.
 */
final class ChunkedBytes {

    private static final int FIRST = 8 << 10;
    private static final int LARGEST = 1 << 20;

    private final AtomicLong budget;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int pos;
    private long size;
    private long allocated;

    ChunkedBytes(AtomicLong budget) {
        this.budget = budget;
    }

    void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (current == null || pos == current.length) {
                grow();
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(b, off, current, pos, n);
            pos += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    private void grow() {
        int next = current == null ? FIRST : Math.min(LARGEST, current.length * 2);
        current = new byte[next];
        chunks.add(current);
        pos = 0;
        allocated += next;
        budget.addAndGet(next);
    }

    long size() {
        return size;
    }

    /** Bytes taken from the budget (chunk capacity, not just what was written). */
    long allocated() {
        return allocated;
    }

    /** The bytes written so far; the buffer must not be written to while it is read. */
    InputStream input() {
        return new InputStream() {
            private int chunk;
            private int at;
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                byte[] c = chunks.get(chunk);
                int n = (int) Math.min(Math.min(len, c.length - at), left);
                System.arraycopy(c, at, b, off, n);
                at += n;
                left -= n;
                if (at == c.length) {
                    chunk++;
                    at = 0;
                }
                return n;
            }
        };
    }

    /** Frees the chunks and gives their bytes back to the budget; idempotent. */
    void release() {
        budget.addAndGet(-allocated);
        allocated = 0;
        chunks.clear();
        current = null;
    }
}
