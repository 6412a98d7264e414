package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.Event;
import dev.sluice.stream.s3.Compression;
import dev.sluice.stream.s3.FileFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * What the file formats' own writers cost with no S3 and no sink at all: the same records written
 * by Avro's {@link DataFileWriter} (or parquet-avro's writer) on one thread, into memory (Avro) or
 * a tmpfs file (Parquet), in files of the sink's size and with its codecs. No writer of these
 * files can take less CPU than this, so it bounds what any S3 writer can reach against the raw PUT
 * of the finished bytes.
 */
final class EncodingFloor {

    private EncodingFloor() {}

    /** Seconds to write {@code records} as files of {@code perFile} records each. */
    static double seconds(FileFormat format, Compression compression, List<Event> records, int perFile) throws IOException {
        Path dir = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir")),
                "floor");
        try {
            long start = System.nanoTime();
            for (int from = 0, file = 0; from < records.size(); from += perFile, file++) {
                List<Event> slice = records.subList(from, Math.min(records.size(), from + perFile));
                if (format == FileFormat.AVRO) {
                    avro(compression, slice);
                } else {
                    parquet(compression, slice, dir.resolve(file + ".parquet"));
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
        }
    }

    private static void avro(Compression compression, List<Event> slice) throws IOException {
        try (DataFileWriter<Event> w = new DataFileWriter<>(new SpecificDatumWriter<>(Event.class))) {
            w.setCodec(compression.avro()).create(Event.getClassSchema(), OutputStream.nullOutputStream());
            for (Event e : slice) {
                w.append(e);
            }
        }
    }

    private static void parquet(Compression compression, List<Event> slice, Path file) throws IOException {
        try (ParquetWriter<Event> w = AvroParquetWriter.<Event>builder(new LocalOutputFile(file)).withSchema(Event.getClassSchema())
                .withDataModel(SpecificData.getForClass(Event.class)).withCompressionCodec(CompressionCodecName.valueOf(compression.parquetCodec())).build()) {
            for (Event e : slice) {
                w.write(e);
            }
        }
    }
}
