package dev.sluice.batch;

import dev.sluice.api.error.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The failures of one Spark task, written by the task itself as one Avro container file
 * {@code <errors>/run=<run>/part-<partition>.avro} (opened at the first failure): stage, reason,
 * the failed record as Avro JSON, and where it came from. A retried task overwrites its own file,
 * so a partition's failures are never listed twice. Not thread-safe: one per task.
 */
final class ErrorFile implements AutoCloseable {

    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"BatchError","namespace":"dev.sluice.batch","doc":"A record a batch job could not process.","fields":[
              {"name":"stage","type":"string"},{"name":"reason","type":"string"},
              {"name":"record","type":"string","doc":"the input record as Avro JSON"},
              {"name":"source","type":"string","doc":"the job, the Spark partition and the row in it"}]}""");

    private final HadoopConf conf;
    private final Path path;
    private DataFileWriter<GenericRecord> writer;

    ErrorFile(HadoopConf conf, String errors, String run, int partition) {
        this.conf = conf;
        this.path = new Path(errors + "/run=" + run + "/part-" + String.format("%05d", partition) + ".avro");
    }

    void write(Failure f) {
        try {
            if (writer == null) {
                FSDataOutputStream out = FileSystem.get(path.toUri(), conf.get()).create(path, true);
                writer = new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(SCHEMA)).setCodec(CodecFactory.snappyCodec()).create(SCHEMA, out);
            }
            GenericRecord r = new GenericData.Record(SCHEMA);
            r.put("stage", f.stage().name().toLowerCase());
            r.put("reason", f.cause().getClass().getSimpleName() + ": " + f.cause().getMessage());
            r.put("record", String.valueOf(f.envelope().value()));
            r.put("source", f.envelope().position().describe());
            writer.append(r);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the failures of " + path, e);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not close " + path, e);
            }
        }
    }
}
