package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.S3Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads what the S3 sink wrote with the formats' own readers (Avro's DataFileReader, parquet-avro's
 * reader over a downloaded copy), never with the sink's code.
 */
final class S3Files {

    /** One data file: its key and its rows. */
    record DataFile(String key, List<GenericRecord> rows, MessageType parquetSchema) {}

    private S3Files() {}

    /** The sink's connection to a test server. */
    static S3Connection connection(S3Service s3) {
        return S3Connection.compatible(s3.endpoint(), s3.accessKey(), s3.secretKey());
    }

    /** Every id in [0, n) read back, none twice: exactly once. */
    static void assertEveryIdOnce(List<GenericRecord> rows, int n) {
        Map<Long, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> (Long) r.get("id"), Collectors.counting()));
        assertThat(counts.keySet()).as("every record").hasSize(n).allMatch(id -> id >= 0 && id < n);
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).limit(10).toList())
                .as("records written twice").isEmpty();
        assertThat(rows).as("each once").hasSize(n);
    }

    static List<String> keys(S3Service s3, String bucket, String prefix) {
        try (S3Client c = s3.client()) {
            List<String> keys = new ArrayList<>();
            c.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).forEach(keys::add);
            return keys;
        }
    }

    /** Every data file under {@code prefix} (not the sink's {@code _sluice/} bookkeeping). */
    static List<DataFile> read(S3Service s3, String bucket, String prefix) {
        List<DataFile> files = new ArrayList<>();
        try (S3Client c = s3.client()) {
            for (String key : keys(s3, bucket, prefix)) {
                if (key.endsWith("/") || key.contains("/_sluice/") || key.startsWith(prefix + "_sluice/")) { // directory markers of a filesystem store
                    continue;
                }
                Path local = Files.createTempFile("s3-sink-", key.endsWith(".parquet") ? ".parquet" : ".avro");
                try {
                    Files.write(local, c.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
                    try {
                        files.add(key.endsWith(".parquet") ? parquet(key, local) : avro(key, local));
                    } catch (IOException e) {
                        throw new IOException("s3://" + bucket + "/" + key + " (" + Files.size(local) + " bytes): " + e.getMessage(), e);
                    }
                } finally {
                    Files.deleteIfExists(local);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<GenericRecord> rows(List<DataFile> files) {
        List<GenericRecord> all = new ArrayList<>();
        files.forEach(f -> all.addAll(f.rows()));
        return all;
    }

    private static DataFile avro(String key, Path local) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        try (DataFileReader<GenericRecord> r = new DataFileReader<>(local.toFile(), new GenericDatumReader<>())) {
            r.forEach(rows::add);
        }
        return new DataFile(key, rows, null);
    }

    private static DataFile parquet(String key, Path local) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(local))
                .withConf(new PlainParquetConfiguration()).build()) {
            for (GenericRecord g = r.read(); g != null; g = r.read()) {
                rows.add(g);
            }
        }
        MessageType schema;
        try (ParquetFileReader f = ParquetFileReader.open(new LocalInputFile(local))) {
            schema = f.getFooter().getFileMetaData().getSchema();
        }
        return new DataFile(key, rows, schema);
    }
}
