package dev.sluice.stream.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The records of one file being built, Avro-encoded each with its own schema, in the order written.
 * An entry is {@code [schema id + 1 (0: tombstone)] [key length, key] (only when keys are kept)
 * [value length, value]} in Avro's zig-zag varints. The file's schema is chosen when it is encoded.
 */
final class FileBuffer {

    /** One entry read back; the buffers are reused between entries. */
    static final class Entry {
        int schemaId;
        ByteBuffer key;
        ByteBuffer value;

        boolean tombstone() {
            return schemaId < 0;
        }
    }

    /** Iterates the entries; {@link #next()} returns null at the end. */
    final class Reader {
        private final BinaryDecoder in = DecoderFactory.get().binaryDecoder(data.input(), null);
        private final Entry entry = new Entry();
        private long left = records;

        Entry next() {
            if (left == 0) {
                return null;
            }
            left--;
            try {
                entry.schemaId = in.readInt() - 1;
                entry.key = keepKeys ? readNullable(entry.key) : null;
                entry.value = entry.tombstone() ? null : in.readBytes(entry.value);
                return entry;
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt file buffer of " + directory, e);
            }
        }

        private ByteBuffer readNullable(ByteBuffer reuse) throws IOException {
            long len = in.readLong();
            if (len < 0) {
                return null;
            }
            ByteBuffer b = reuse != null && reuse.capacity() >= len ? reuse.clear() : ByteBuffer.allocate((int) len);
            in.readFixed(b.array(), 0, (int) len);
            return b.limit((int) len);
        }
    }

    final String directory;
    final long firstOffset;
    private final boolean keepKeys;
    private final ChunkedBytes data;
    private final byte[] header = new byte[20];
    private final List<Integer> schemaIds = new ArrayList<>();
    private int chosen = -1;
    private long records;
    private long tombstones;

    FileBuffer(String directory, long firstOffset, boolean keepKeys, AtomicLong budget) {
        this.directory = directory;
        this.firstOffset = firstOffset;
        this.keepKeys = keepKeys;
        this.data = new ChunkedBytes(budget);
    }

    /**
     * Takes a record of schema {@code id} into this file if the file's schemas stay compatible,
     * choosing the file's schema anew; false (nothing changed) when they would not.
     */
    boolean admits(int id, FileSchemas schemas) {
        if (schemaIds.contains(id)) {
            return true;
        }
        schemaIds.add(id);
        int next = schemas.choose(schemaIds);
        if (next < 0) {
            schemaIds.remove(schemaIds.size() - 1);
            return false;
        }
        chosen = next;
        return true;
    }

    void append(int schemaId, byte[] key, byte[] value, int valueLength) {
        int n = BinaryData.encodeInt(schemaId + 1, header, 0);
        data.write(header, 0, n);
        if (keepKeys) {
            writeBytes(key, key == null ? -1 : key.length);
        }
        if (schemaId >= 0) {
            writeBytes(value, valueLength);
        } else {
            tombstones++;
        }
        records++;
    }

    private void writeBytes(byte[] b, int len) {
        int n = BinaryData.encodeLong(len, header, 0);
        data.write(header, 0, n);
        if (len > 0) {
            data.write(b, 0, len);
        }
    }

    Reader reader() {
        return new Reader();
    }

    /** The schema the file is written with, or -1 when it holds only tombstones. */
    int chosenSchema() {
        return chosen;
    }

    long records() {
        return records;
    }

    long tombstones() {
        return tombstones;
    }

    long bytes() {
        return data.size();
    }

    /** What this file holds of the writer's memory budget. */
    long allocatedBytes() {
        return data.allocated();
    }

    void release() {
        data.release();
    }
}
