package dev.sluice.stream.s3;

import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes Avro records from Kafka to S3 as Avro container or Parquet files, in Hive-style
 * directories, exactly once. Parquet (the default) needs the artifact {@code dev.sluice:sluice-parquet}
 * on the classpath; Avro files need nothing more.
 *
 * <p><b>Layout.</b> {@code s3://<bucket>/<prefix><table or topic>/<directories>/<topic>+<partition>+<first offset>.<avro|parquet>},
 * the directories from {@link Partitioning}, the first offset zero-padded to 19 digits.
 *
 * <p><b>Exactly once, without a second store.</b> The records of one source partition go into one
 * segment at a time (one file per directory); a segment's files close together and the partition's
 * offset is committed only after all of them are in S3 (the runtime asks
 * {@link dev.sluice.api.sink.RetainingSinkWriter#checkpoint()}). A file's key is fixed by its
 * records (topic, partition, first offset), so after a crash the records after the last commit are
 * read again and written to the same keys: a PUT replaces the object whole, so a reader sees the old
 * or the new file, never both and never half. Segments closed by the clock (the idle timeout, the
 * memory bound, a flush) would end elsewhere on a replay; so before its files, each segment's end is
 * recorded in a small object under {@code <prefix>_sluice/intents/}, and a replay closes there too.
 *
 * <p><b>What weakens it:</b> changing the partitioning, rotation, format, table or prefix between
 * a crash and the restart (files of the old layout stay); records removed from Kafka before they were
 * committed (retention, compaction) or a transform that is not deterministic; two pipelines with
 * different group ids writing one topic to one prefix; deleting {@code _sluice/} while a pipeline is
 * down mid-segment. Records without a Kafka position (tests, other sources) are written at least
 * once under a per-writer name.
 *
 * <p><b>Memory.</b> See {@link Buffering}: bounded by {@code maxBufferedBytes} plus what the upload
 * threads encode; the runtime pauses the source at the bound instead of running out of memory.
 *
 * <p><b>Schemas.</b> One file holds records of every schema that Avro can resolve to one of them:
 * older records are projected onto the newest schema (the one that can read all the others and has
 * all their fields), so an interleaved v1/v2 topic makes no more files than one schema would. A
 * record whose schema cannot share the file closes the partition's segment (logged at INFO).
 *
 * @param table the directory under the prefix, or null for the topic name
 */
public record S3Sink<T extends IndexedRecord>(S3Connection connection, String bucket, String prefix, String table, FileFormat format,
                                               Partitioning partitioning, Rotation rotation, Buffering buffering, Tombstones tombstones,
                                               Compression compression, Schema schema) implements Sink<T> {

    private static final long serialVersionUID = 1L;

    public S3Sink {
        Require.nonNull(connection, "connection");
        Require.nonBlank(bucket, "bucket");
        Require.nonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must be empty or end with '/', got \"" + prefix + "\"");
        }
        if (table != null) {
            Require.nonBlank(table, "table");
        }
        Require.nonNull(format, "format");
        Require.nonNull(partitioning, "partitioning");
        Require.nonNull(rotation, "rotation");
        Require.nonNull(buffering, "buffering");
        Require.nonNull(tombstones, "tombstones");
        Require.nonNull(compression, "compression");
    }

    /** Parquet, {@code dt=/hr=} of the record time, default rotation and buffering, tombstones skipped, snappy. */
    public static <T extends IndexedRecord> S3Sink<T> of(S3Connection connection, String bucket, String prefix) {
        return new S3Sink<>(connection, bucket, prefix, null, FileFormat.PARQUET, Partitioning.daily(), Rotation.defaults(),
                Buffering.defaults(), Tombstones.SKIP, Compression.SNAPPY, null);
    }

    public S3Sink<T> withTable(String v) {
        return new S3Sink<>(connection, bucket, prefix, v, format, partitioning, rotation, buffering, tombstones, compression, schema);
    }

    public S3Sink<T> withFormat(FileFormat v) {
        return new S3Sink<>(connection, bucket, prefix, table, v, partitioning, rotation, buffering, tombstones, compression, schema);
    }

    public S3Sink<T> withPartitioning(Partitioning v) {
        return new S3Sink<>(connection, bucket, prefix, table, format, v, rotation, buffering, tombstones, compression, schema);
    }

    public S3Sink<T> withRotation(Rotation v) {
        return new S3Sink<>(connection, bucket, prefix, table, format, partitioning, v, buffering, tombstones, compression, schema);
    }

    public S3Sink<T> withBuffering(Buffering v) {
        return new S3Sink<>(connection, bucket, prefix, table, format, partitioning, rotation, v, tombstones, compression, schema);
    }

    public S3Sink<T> withTombstones(Tombstones v) {
        return new S3Sink<>(connection, bucket, prefix, table, format, partitioning, rotation, buffering, v, compression, schema);
    }

    public S3Sink<T> withCompression(Compression v) {
        return new S3Sink<>(connection, bucket, prefix, table, format, partitioning, rotation, buffering, tombstones, v, schema);
    }

    /** The schema to describe the dataset with, for lineage (the files carry their own). */
    public S3Sink<T> withSchema(Schema v) {
        return new S3Sink<>(connection, bucket, prefix, table, format, partitioning, rotation, buffering, tombstones, compression, v);
    }

    /**
     * Prepares this JVM to write this sink's files, which each writer otherwise does on an upload
     * thread when it is made: for Parquet, loads parquet-java and the codec (snappy's native
     * library, Hadoop's configuration) and writes one record of the sink's schema to nowhere, once
     * per format, codec and schema in the JVM; for Avro, nothing. Optional: call it early (while
     * other services start) where a pipeline may be stopped soon after it starts, since its first
     * files wait for this, seconds on a busy machine. Opens no connection. Returns when done.
     *
     * @throws UncheckedIOException if the format's writer fails
     */
    public void warmUp() {
        try {
            fileEncoder(new FileSchemas()).warmUp(schema);
        } catch (IOException e) {
            throw new UncheckedIOException("warming up the " + format + " writer failed: " + e.getMessage(), e);
        }
    }

    /** The encoder of this sink's files, with the file schemas of one writer. */
    FileEncoder fileEncoder(FileSchemas schemas) {
        return new FileEncoder(format, tombstones, compression, buffering.rowGroupBytes(), schemas);
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new S3SinkWriter<>(this, context);
    }

    @Override
    public List<LineageDataset> datasets() {
        return List.of(new LineageDataset("s3", bucket + "/" + prefix + (table != null ? table : ""), schema));
    }
}
