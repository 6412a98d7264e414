package dev.sluice.core;

import java.io.Serializable;

/**
 * Where a record came from, precisely enough to resume after it and to name it in an error.
 *
 * <p>Contract: implementations are immutable values with {@code equals}/{@code hashCode}, and
 * serializable so that positions can cross a Spark shuffle or a checkpoint. {@link #describe()}
 * is what error messages and dead-letter headers show; it must never contain secrets.
 */
public interface Position extends Serializable {

    /** A short human-readable location, for example {@code orders-2@1045}. */
    String describe();

    /** The position of a record that has no origin worth naming (built in memory, in a test). */
    static Position none() {
        return NoPosition.INSTANCE;
    }

    /** A Kafka record: topic, partition, offset. */
    record Kafka(String topic, int partition, long offset) implements Position {
        public Kafka {
            Require.nonBlank(topic, "topic");
            Require.atLeast(partition, 0, "partition");
            Require.atLeast(offset, 0, "offset");
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
