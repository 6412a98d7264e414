package dev.sluice.parquet;

import dev.sluice.api.codec.ParquetEncoder;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** {@link ParquetEncoder} through parquet-avro's writer, configured without Hadoop's file system. */
public final class AvroParquetEncoder implements ParquetEncoder {

    @Override
    public Writer open(OutputStream out, Schema schema, String codec, long rowGroupBytes) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set("parquet.avro.write-old-list-structure", "false"); // standard 3-level lists, as Trino and Spark expect
        ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new StreamOutputFile(out))
                .withSchema(schema).withDataModel(GenericData.get()).withConf(conf)
                .withCompressionCodec(CompressionCodecName.valueOf(codec)).withRowGroupSize(rowGroupBytes)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        return new Writer() {
            @Override
            public void write(GenericRecord record) throws IOException {
                w.write(record);
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }
}
