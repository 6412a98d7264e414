package dev.sluice.stream.s3;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams one object to S3: a single PUT when it fits in one part, a multipart upload otherwise.
 * Holds at most one part in memory. Nothing is visible under the key until {@link #close()}
 * succeeds (S3 shows a multipart object only once it is completed); {@link #abort()} cleans up a
 * failed upload's parts.
 */
final class MultipartOutputStream extends OutputStream {

    private static final Logger log = LoggerFactory.getLogger(MultipartOutputStream.class);

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer = new byte[64 << 10];
    private int count;
    private long written;
    private String uploadId;
    private boolean closed;

    MultipartOutputStream(S3Client client, String bucket, String key, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.partSize = partSize;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (count == partSize) {
                uploadPart();
            }
            int n = Math.min(len, partSize - count);
            ensureCapacity(count + n);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
            written += n;
        }
    }

    long written() {
        return written;
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(partSize, Math.max(needed, buffer.length * 2)));
        }
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        }
        int number = parts.size() + 1;
        String etag = client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength((long) count),
                RequestBody.fromBytes(Arrays.copyOf(buffer, count))).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        count = 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (uploadId == null) {
            client.putObject(b -> b.bucket(bucket).key(key).contentLength((long) count), RequestBody.fromBytes(Arrays.copyOf(buffer, count)));
        } else {
            if (count > 0) {
                uploadPart();
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        }
        closed = true;
        buffer = null;
    }

    /** Gives up: drops the parts uploaded so far (best effort; a lifecycle rule catches what this misses). */
    void abort() {
        closed = true;
        buffer = null;
        if (uploadId != null) {
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException e) {
                log.debug("could not abort the multipart upload of s3://{}/{}: {}", bucket, key, e.toString());
            }
        }
    }
}
