package dev.sluice.api;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.source.SourcePartition;
import java.io.Serializable;

/**
 * Where a record came from, precisely enough to resume after it and to name it in an error.
 *
 * <p>Contract: implementations are immutable values with {@code equals}/{@code hashCode}, and
 * serializable so that positions can cross a Spark shuffle or a checkpoint. {@link #describe()}
 * is what error messages and dead-letter headers show; it must never contain secrets.
 */
@Public
public interface Position extends Serializable {

    /** A short human-readable location, for example {@code orders-2@1045}. */
    String describe();

    /** The position of a record that has no origin worth naming (built in memory, in a test). */
    static Position none() {
        return NoPosition.INSTANCE;
    }

    /**
     * A position with an offset in an ordered {@link SourcePartition}: what a runtime can commit
     * per partition and a retaining sink can hold back (see {@code RetainingSinkWriter}).
     */
    interface Offset extends Position {
        SourcePartition sourcePartition();

        long offset();

        /** The position of another record of the same partition. */
        Offset withOffset(long offset);
    }

    /** A Kafka record: topic, partition, offset. */
    record Kafka(String topic, int partition, long offset) implements Offset {
        public Kafka {
            Require.nonBlank(topic, "topic");
            Require.atLeast(partition, 0, "partition");
            Require.atLeast(offset, 0, "offset");
        }

        @Override
        public SourcePartition sourcePartition() {
            return new SourcePartition(topic, partition);
        }

        @Override
        public Kafka withOffset(long offset) {
            return new Kafka(topic, partition, offset);
        }

        @Override
        public String describe() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** A row of a file or object: its path or URI and a zero-based row (or line) number. */
    record File(String path, long row) implements Position {
        public File {
            Require.nonBlank(path, "path");
            Require.atLeast(row, 0, "row");
        }

        @Override
        public String describe() {
            return path + ":" + row;
        }
    }

    /** A change in a database log: the source (server/database) and its log sequence number. */
    record Log(String source, String lsn) implements Position {
        public Log {
            Require.nonBlank(source, "source");
            Require.nonBlank(lsn, "lsn");
        }

        @Override
        public String describe() {
            return source + "@" + lsn;
        }
    }

    /** See {@link #none()}. */
    enum NoPosition implements Position {
        INSTANCE;

        @Override
        public String describe() {
            return "(no position)";
        }
    }
}
