package dev.sluice.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.codec.ParquetEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroParquetEncoderTest {

    private static final Schema CLICK = SchemaBuilder.record("Click").namespace("dev.sluice.test").fields()
            .requiredLong("id").requiredString("page").name("tags").type().array().items().stringType().noDefault()
            .endRecord();

    @TempDir
    Path dir;

    @Test
    void theServiceLoaderFindsThisEncoder() {
        assertThat(ParquetEncoder.load()).isInstanceOf(AvroParquetEncoder.class);
    }

    @Test
    void recordsWrittenToAStreamReadBackAsTheyWereWithStandardListsAndTheCodecAsked() throws IOException {
        ClosingWatch out = new ClosingWatch();
        try (ParquetEncoder.Writer w = ParquetEncoder.load().open(out, CLICK, "ZSTD", 1 << 20)) {
            for (long i = 0; i < 1000; i++) {
                GenericRecord r = new GenericData.Record(CLICK);
                r.put("id", i);
                r.put("page", "/p/" + i);
                r.put("tags", List.of("a" + i % 3));
                w.write(r);
            }
        }
        assertThat(out.closed).as("the writer closed the stream it was given").isTrue();
        Path file = Files.write(dir.resolve("clicks.parquet"), out.toByteArray());

        List<GenericRecord> read = new ArrayList<>();
        try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file)).build()) {
            for (GenericRecord g = r.read(); g != null; g = r.read()) {
                read.add(g);
            }
        }
        assertThat(read).hasSize(1000);
        assertThat(read.get(7).get("id")).isEqualTo(7L);
        assertThat(read.get(7).get("page").toString()).isEqualTo("/p/7");
        assertThat(read.get(7).get("tags").toString()).isEqualTo("[a1]");
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            String schema = footer.getFileMetaData().getSchema().toString();
            assertThat(schema).as("3-level list").contains("repeated group list").contains("element");
            assertThat(footer.getRowGroups().get(0).getColumns().get(0).getCodec().name()).isEqualTo("ZSTD");
        }
    }

    private static final class ClosingWatch extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
