package dev.sluice.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lake's Parquet objects as S3 lists them (the embedded server or AWS alike): what the summary
 * counts and the Pinot push uploads. Reads with Parquet's own reader, never the sink's code.
 */
final class LakeObjects implements AutoCloseable {

    /** Files and rows of a set of Parquet objects. */
    record Contents(long files, long rows) {}

    private final S3Client s3;
    private final String bucket;

    LakeObjects(AppConfig.Lake lake) {
        this.s3 = lake.connection().client();
        this.bucket = lake.bucket();
    }

    /** Keys of the (non-empty) Parquet objects under {@code prefix}, in key order. */
    List<String> parquet(String prefix) {
        return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents().stream()
                .filter(o -> o.key().endsWith(".parquet") && o.size() > 0).map(S3Object::key).sorted().toList();
    }

    /** Downloads an object to {@code dir}, named by its last path segment. */
    Path download(String key, Path dir) throws IOException {
        Path target = dir.resolve(key.substring(key.lastIndexOf('/') + 1));
        Files.deleteIfExists(target);
        s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build(), target);
        return target;
    }

    /** Counts the Parquet objects under {@code prefix} and their rows (from each file's footer). */
    Contents contents(String prefix) throws IOException {
        Path tmp = Files.createTempDirectory("sluice-lake-");
        try {
            long rows = 0;
            List<String> keys = parquet(prefix);
            for (String key : keys) {
                Path f = download(key, tmp);
                try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
                    rows += r.getRecordCount();
                }
                Files.delete(f);
            }
            return new Contents(keys.size(), rows);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
