package dev.sluice.stream.s3;

import dev.sluice.api.Require;
import java.io.Serializable;
import java.time.Duration;

/**
 * The S3 sink's memory and upload settings. A writer holds at most about
 * {@code maxBufferedBytes + uploadThreads * (partSize + rowGroupBytes)} of record data: open files
 * are encoded records in memory, counted against {@code maxBufferedBytes} together with files
 * waiting for their upload; past half of it the largest open file set is closed early, and past all
 * of it the writer reports itself full and the runtime pauses the source.
 *
 * @param maxBufferedBytes bound on the record bytes a writer holds (open and uploading files)
 * @param partSize         multipart part size; a file up to this size is one PUT (S3 minimum 5 MiB)
 * @param rowGroupBytes    Parquet row group size, held in memory while a Parquet file is encoded
 * @param uploadThreads    files encoded and uploaded in parallel
 * @param retryFor         how long one file's upload is retried (exponential backoff) before the writer fails
 */
public record Buffering(long maxBufferedBytes, int partSize, int rowGroupBytes, int uploadThreads, Duration retryFor)
        implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MIN_PART = 5 << 20;

    public Buffering {
        Require.atLeast(maxBufferedBytes, 1 << 20, "maxBufferedBytes");
        Require.atLeast(partSize, MIN_PART, "partSize");
        Require.atLeast(rowGroupBytes, 1 << 16, "rowGroupBytes");
        Require.atLeast(uploadThreads, 1, "uploadThreads");
        Require.positive(retryFor, "retryFor");
    }

    /** 256 MiB buffered, 8 MiB parts, 16 MiB row groups, 4 upload threads, retries for 5 minutes. */
    public static Buffering defaults() {
        return new Buffering(256L << 20, 8 << 20, 16 << 20, 4, Duration.ofMinutes(5));
    }

    public Buffering withMaxBufferedBytes(long v) {
        return new Buffering(v, partSize, rowGroupBytes, uploadThreads, retryFor);
    }

    public Buffering withPartSize(int v) {
        return new Buffering(maxBufferedBytes, v, rowGroupBytes, uploadThreads, retryFor);
    }

    public Buffering withRowGroupBytes(int v) {
        return new Buffering(maxBufferedBytes, partSize, v, uploadThreads, retryFor);
    }

    public Buffering withUploadThreads(int v) {
        return new Buffering(maxBufferedBytes, partSize, rowGroupBytes, v, retryFor);
    }

    public Buffering withRetryFor(Duration v) {
        return new Buffering(maxBufferedBytes, partSize, rowGroupBytes, uploadThreads, v);
    }
}
