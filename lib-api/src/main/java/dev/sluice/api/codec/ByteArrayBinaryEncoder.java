package dev.sluice.api.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary encoder straight into a growing array: the bytes a buffered encoder would hand to
 * a {@code ByteArrayOutputStream} (synchronized writes, then a copy out) are written in place, and
 * {@link #toByteArray()} makes the one copy a caller keeps. Output is byte for byte Avro's
 * binary encoding. Not thread-safe; reused by one thread across records via {@link #reset}.
 */
final class ByteArrayBinaryEncoder extends BinaryEncoder {

    /** The widest a primitive gets in Avro binary: a long as a 10-byte varint. */
    private static final int MAX_PRIMITIVE = 10;
    /** Above this an array grown for one big datum is let go at the next reset, not kept by the thread. */
    private static final int KEPT = 1 << 20;

    private final int initialCapacity;
    private byte[] buf;
    private int pos;

    ByteArrayBinaryEncoder(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.buf = new byte[initialCapacity];
    }

    /** Starts a new datum, after {@code prefix} when it is not null. */
    void reset(byte[] prefix) {
        pos = 0;
        if (buf.length > KEPT) {
            buf = new byte[initialCapacity];
        }
        if (prefix != null) {
            writeFixed(prefix, 0, prefix.length);
        }
    }

    /** A copy of what was written since the last {@link #reset}. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The array's length: what the thread keeps between records. */
    int capacity() {
        return buf.length;
    }

    private void ensure(int more) {
        if (buf.length - pos < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    @Override
    public void writeBoolean(boolean b) {
        ensure(1);
        pos += BinaryData.encodeBoolean(b, buf, pos);
    }

    @Override
    public void writeInt(int n) {
        ensure(MAX_PRIMITIVE);
        pos += BinaryData.encodeInt(n, buf, pos);
    }

    @Override
    public void writeLong(long n) {
        ensure(MAX_PRIMITIVE);
        pos += BinaryData.encodeLong(n, buf, pos);
    }

    @Override
    public void writeFloat(float f) {
        ensure(4);
        pos += BinaryData.encodeFloat(f, buf, pos);
    }

    @Override
    public void writeDouble(double d) {
        ensure(8);
        pos += BinaryData.encodeDouble(d, buf, pos);
    }

    @Override
    public void writeString(Utf8 utf8) {
        int length = utf8.getByteLength();
        writeInt(length);
        writeFixed(utf8.getBytes(), 0, length);
    }

    @Override
    public void writeString(String string) {
        if (string.isEmpty()) {
            writeZero();
            return;
        }
        int length = string.length();
        ensure(MAX_PRIMITIVE + length);
        int start = pos;
        pos += BinaryData.encodeInt(length, buf, pos); // the length for an all-ASCII string, checked below
        for (int i = 0; i < length; i++) {
            char c = string.charAt(i);
            if (c >= 0x80) { // not ASCII: UTF-8 bytes differ in number from chars, encode the usual way
                pos = start;
                byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
                writeInt(utf8.length);
                writeFixed(utf8, 0, utf8.length);
                return;
            }
            buf[pos++] = (byte) c;
        }
    }

    @Override
    public void writeFixed(byte[] bytes, int start, int len) {
        ensure(len);
        System.arraycopy(bytes, start, buf, pos, len);
        pos += len;
    }

    @Override
    public void writeFixed(ByteBuffer bytes) {
        int len = bytes.remaining();
        ensure(len);
        bytes.duplicate().get(buf, pos, len);
        pos += len;
    }

    @Override
    protected void writeZero() {
        ensure(1);
        buf[pos++] = 0;
    }

    @Override
    public int bytesBuffered() {
        return pos;
    }

    @Override
    public void flush() {
        // Nothing to flush: the bytes are in the array.
    }
}
