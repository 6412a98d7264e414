package dev.sluice.stream.s3;

import dev.sluice.api.source.SourcePartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where each closed segment ended, one small object per segment under
 * {@code <prefix>_sluice/intents/<topic>/<partition>/<first offset>}, written before the segment's
 * files. Count, size and record-time rotation give the same boundaries on a replay by themselves;
 * the idle timeout, the memory bound and a flush do not. A writer that replays a partition after a
 * crash reads these and closes each segment exactly where the earlier run did, so every file it
 * writes has the key, and the content, of the one it replaces: no file is left holding records that
 * another file also holds.
 */
final class Intents {

    private final S3Client client;
    private final String bucket;
    private final String root;

    Intents(S3Client client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        this.root = prefix + "_sluice/intents/";
    }

    /** The recorded segments of a partition: first offset to last offset. */
    TreeMap<Long, Long> list(SourcePartition tp) {
        TreeMap<Long, Long> found = new TreeMap<>();
        String dir = directory(tp);
        for (ListObjectsV2Response page : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(dir))) {
            for (S3Object o : page.contents()) {
                long start = Long.parseLong(o.key().substring(dir.length()));
                String body = client.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asString(StandardCharsets.UTF_8).trim();
                if (!body.startsWith("end=")) {
                    throw new IllegalStateException("unreadable segment record s3://" + bucket + "/" + o.key() + ": \"" + body + "\"");
                }
                found.put(start, Long.parseLong(body.substring(4)));
            }
        }
        return found;
    }

    void record(SourcePartition tp, long start, long end) {
        client.putObject(b -> b.bucket(bucket).key(key(tp, start)).contentType("text/plain"), RequestBody.fromString("end=" + end + "\n"));
    }

    /** Deletes the records of segments that start at these offsets (their offsets are committed). */
    void forget(SourcePartition tp, Collection<Long> starts) {
        List<ObjectIdentifier> keys = new ArrayList<>();
        for (long start : starts) {
            keys.add(ObjectIdentifier.builder().key(key(tp, start)).build());
            if (keys.size() == 1000) {
                delete(keys);
            }
        }
        if (!keys.isEmpty()) {
            delete(keys);
        }
    }

    private void delete(List<ObjectIdentifier> keys) {
        List<ObjectIdentifier> batch = List.copyOf(keys);
        client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        keys.clear();
    }

    private String directory(SourcePartition tp) {
        return root + tp.topic() + "/" + tp.partition() + "/";
    }

    private String key(SourcePartition tp, long start) {
        return directory(tp) + String.format("%019d", start);
    }
}
