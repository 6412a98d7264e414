package dev.sluice.stream.io;

import dev.sluice.api.annotation.Internal;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An unsynchronized growable byte buffer that the sinks encode into and reuse: ByteArrayOutputStream's
 * locking showed in profiles of the write path. Not thread-safe.
 */
@Internal
public final class GrowableBytes extends OutputStream {

    private byte[] buf;
    private int count;

    public GrowableBytes(int initialCapacity) {
        this.buf = new byte[initialCapacity];
    }

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

    /** How many bytes were written since the last {@link #truncate}. */
    public int size() {
        return count;
    }

    /** Forgets everything after {@code size} (0: all of it, to reuse the buffer). */
    public void truncate(int size) {
        if (size < 0 || size > count) {
            throw new IllegalArgumentException("size must be within 0.." + count + ", got " + size);
        }
        count = size;
    }

    /** The backing array: bytes {@code [0, size())} are the content, until the next write. */
    public byte[] array() {
        return buf;
    }
}
