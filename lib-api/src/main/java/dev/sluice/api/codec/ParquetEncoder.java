package dev.sluice.api.codec;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.ServiceLoader;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes Avro records as one Parquet file onto a stream (an S3 upload, a local file), needing no file system.
 * This module holds only the contract: the implementation, parquet-avro and Hadoop's shaded client (most of
 * a Parquet writer's runtime size), is the artifact {@code dev.sluice:sluice-parquet}, found through
 * {@link ServiceLoader}, so a pipeline that writes no Parquet does not carry it.
 *
 * <p>Contract: thread-safe, one {@link #open} per file on any thread; the file's lists use the standard
 * 3-level structure Spark and Trino read.
 */
public interface ParquetEncoder {

    /** The artifact to add when no implementation is on the classpath. */
    String ARTIFACT = "dev.sluice:sluice-parquet";

    /**
     * Starts a file of {@code schema}'s records on {@code out}; closing the writer writes the footer and
     * closes {@code out} (a caller that completes an upload itself passes a stream whose close only flushes).
     *
     * @param codec the page compression by parquet-mr's name: {@code SNAPPY}, {@code ZSTD}, {@code UNCOMPRESSED}
     * @param rowGroupBytes the row group size the writer aims for
     */
    Writer open(OutputStream out, Schema schema, String codec, long rowGroupBytes) throws IOException;

    /** The records of one file. */
    interface Writer extends Closeable {
        void write(GenericRecord record) throws IOException;
    }

    /**
     * The implementation on {@code loader}'s classpath.
     *
     * @throws IllegalStateException naming the artifact to add when there is none
     */
    static ParquetEncoder load(ClassLoader loader) {
        Iterator<ParquetEncoder> found = ServiceLoader.load(ParquetEncoder.class, loader).iterator();
        if (!found.hasNext()) {
            throw new IllegalStateException("Writing Parquet needs a Parquet encoder on the classpath, and there is none: add the "
                    + "dependency " + ARTIFACT + " (parquet-avro and Hadoop's client), or write Avro files instead");
        }
        return found.next();
    }

    /** {@link #load(ClassLoader)} with this thread's context class loader (or this interface's). */
    static ParquetEncoder load() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return load(context != null ? context : ParquetEncoder.class.getClassLoader());
    }
}
