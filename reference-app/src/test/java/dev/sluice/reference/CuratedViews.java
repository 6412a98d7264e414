package dev.sluice.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Sums the {@code views} column of the curated table's files with parquet-avro: a reader independent of Spark and the job. */
final class CuratedViews {

    private CuratedViews() {}

    static long of(LakeObjects lake, String prefix) throws IOException {
        Path tmp = Files.createTempDirectory("curated-");
        long views = 0;
        try {
            for (String key : lake.parquet(prefix)) {
                Path f = lake.download(key, tmp);
                try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(f))
                        .withConf(new PlainParquetConfiguration()).build()) {
                    for (GenericRecord g = r.read(); g != null; g = r.read()) {
                        views += ((Number) g.get("views")).longValue();
                    }
                }
                Files.delete(f);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return views;
    }
}
