package dev.sluice.batch;

import dev.sluice.embedded.S3Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a job's output the way another engine would, without Spark and without the job's code:
 * lists the objects with the AWS SDK, downloads each Parquet file and reads it with parquet-avro.
 */
final class LakeFiles {

    /** One Parquet object of the table: its key, its {@code dt=} partition, its rows and its file schema. */
    record Part(String key, String dt, List<GenericRecord> rows, MessageType schema) {}

    private LakeFiles() {}

    static List<Part> read(S3Service s3, String bucket, String prefix) throws IOException {
        List<Part> parts = new ArrayList<>();
        Path dir = Files.createTempDirectory("lake-read");
        try (S3Client client = s3.client()) {
            for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
                if (!o.key().endsWith(".parquet")) {
                    continue;
                }
                Path local = dir.resolve(Integer.toString(parts.size()));
                client.getObject(GetObjectRequest.builder().bucket(bucket).key(o.key()).build(), local);
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
                String dt = o.key().contains("dt=") ? o.key().replaceAll(".*dt=([^/]+)/.*", "$1") : null;
                parts.add(new Part(o.key(), dt, rows, schema));
                Files.delete(local);
            }
        }
        return parts;
    }

    /** Every record of the Avro container files under {@code prefix}, read with Avro's DataFileReader. */
    static List<GenericRecord> readAvro(S3Service s3, String bucket, String prefix) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        Path dir = Files.createTempDirectory("lake-avro");
        try (S3Client client = s3.client()) {
            for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
                if (o.key().endsWith(".avro")) {
                    Path local = dir.resolve(Integer.toString(out.size()));
                    client.getObject(GetObjectRequest.builder().bucket(bucket).key(o.key()).build(), local);
                    try (DataFileReader<GenericRecord> r = new DataFileReader<>(local.toFile(), new GenericDatumReader<>())) {
                        r.forEach(out::add);
                    }
                    Files.delete(local);
                }
            }
        }
        return out;
    }

    /** Per {@code dt}: {rows, sum of amount_cents}, the partition taken from the object key. */
    static Map<String, long[]> byDate(List<Part> parts) {
        Map<String, long[]> out = new TreeMap<>();
        for (Part p : parts) {
            long[] acc = out.computeIfAbsent(p.dt(), k -> new long[2]);
            for (GenericRecord r : p.rows()) {
                acc[0]++;
                acc[1] += (Long) r.get("amount_cents");
            }
        }
        return out;
    }
}
