package dev.sluice.stream.s3;

import dev.sluice.api.codec.ParquetEncoder;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Turns a {@link FileBuffer} into an Avro container or a Parquet file, with the file's chosen
 * schema: records of other (compatible) schemas are read through Avro schema resolution, so an
 * older record gets the newer schema's defaults. Avro records already in the file's schema are
 * copied as encoded bytes. Parquet goes through the {@link ParquetEncoder} of {@code sluice-parquet}, looked
 * up when the sink's writer is made, so a missing artifact fails the pipeline's start, not its first file.
 * Thread-safe: one call per file, on any upload thread.
 */
final class FileEncoder {

    static final String DELETED = "__deleted";
    static final String KEY = "__key";
    /** Parquet codecs and file schemas a warm-up file was written with in this JVM. */
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();
    private static final Schema WARM_UP = SchemaBuilder.record("warm_up").namespace("dev.sluice.stream.s3").fields()
            .requiredString("s").requiredLong("l").requiredInt("i").requiredBoolean("b").requiredDouble("d").optionalString("o")
            .endRecord();

    private final FileFormat format;
    private final boolean markers;
    private final int rowGroupBytes;
    private final FileSchemas schemas;
    private final Compression compression;
    private final ParquetEncoder parquet;

    FileEncoder(FileFormat format, Tombstones tombstones, Compression compression, int rowGroupBytes, FileSchemas schemas) {
        this.format = format;
        this.parquet = format == FileFormat.PARQUET ? ParquetEncoder.load(FileEncoder.class.getClassLoader()) : null;
        this.compression = compression;
        this.markers = tombstones == Tombstones.MARKER;
        this.rowGroupBytes = rowGroupBytes;
        this.schemas = schemas;
    }

    /**
     * For Parquet, writes one record as a file to nowhere, once per codec and schema in this JVM:
     * Parquet's first file loads and initializes its writer classes (0.5-0.7 s on an idle machine
     * here, more on a busy one), and each column type's writer is cold until it has written once,
     * a delay that otherwise falls on the first file, often the one a shutdown or a first commit
     * waits for. With the sink's declared schema the record has that schema's columns (as the files
     * will), else one column of each primitive type. Returns at once for Avro.
     *
     * @param declared the sink's schema, or null when it has none
     * @throws IOException if the encoder fails; the caller only logs it, the first real file says it again
     */
    void warmUp(Schema declared) throws IOException {
        if (format != FileFormat.PARQUET) {
            return;
        }
        Schema logical = declared == null ? WARM_UP : markers ? markerSchema(declared) : declared;
        Schema fileSchema = TimestampMicros.schema(logical);
        String key = compression.parquetCodec() + "|" + SchemaNormalization.parsingFingerprint64(fileSchema);
        if (WARMED.contains(key)) {
            return;
        }
        try (ParquetEncoder.Writer w = parquet.open(OutputStream.nullOutputStream(), fileSchema, compression.parquetCodec(), rowGroupBytes)) {
            w.write(WarmUpRecord.of(fileSchema));
        }
        WARMED.add(key); // only once it worked: a later writer tries again
    }

    /** Writes the file to {@code out}, which it does not close. */
    void encode(FileBuffer file, OutputStream out) throws IOException {
        int chosenId = file.chosenSchema();
        Schema logical = markers ? markerSchema(chosenId < 0 ? null : schemas.schema(chosenId)) : schemas.schema(chosenId);
        Schema fileSchema = format == FileFormat.PARQUET ? TimestampMicros.schema(logical) : logical;
        OutputStream kept = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller completes the upload
            }
        };
        if (format == FileFormat.AVRO) {
            try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(fileSchema))) {
                w.setCodec(compression.avro()).create(fileSchema, kept);
                copy(file, chosenId, logical, fileSchema, w::append, w);
            }
        } else {
            try (ParquetEncoder.Writer w = parquet.open(kept, fileSchema, compression.parquetCodec(), rowGroupBytes)) {
                copy(file, chosenId, logical, fileSchema, w::write, null);
            }
        }
    }

    private interface Sink {
        void accept(GenericRecord r) throws IOException;
    }

    private void copy(FileBuffer file, int chosenId, Schema logical, Schema fileSchema, Sink sink, DataFileWriter<?> encodedAvro)
            throws IOException {
        Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
        BinaryDecoder decoder = null;
        GenericRecord reuse = null;
        FileBuffer.Reader in = file.reader();
        for (FileBuffer.Entry e = in.next(); e != null; e = in.next()) {
            if (e.tombstone()) {
                GenericRecord r = new GenericData.Record(fileSchema);
                r.put(DELETED, true);
                r.put(KEY, e.key);
                sink.accept(r);
                continue;
            }
            if (encodedAvro != null && !markers && e.schemaId == chosenId) {
                encodedAvro.appendEncoded(e.value);
                continue;
            }
            GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(e.schemaId,
                    id -> new GenericDatumReader<>(schemas.schema(id), fileSchema, GenericData.get()));
            decoder = DecoderFactory.get().binaryDecoder(e.value.array(), e.value.arrayOffset() + e.value.position(), e.value.remaining(), decoder);
            reuse = reader.read(reuse, decoder);
            if (markers) {
                reuse.put(DELETED, false);
                reuse.put(KEY, e.key);
            }
            if (format == FileFormat.PARQUET) {
                TimestampMicros.scale(reuse, logical);
            }
            sink.accept(reuse);
        }
    }

    /**
     * With tombstone markers every column is nullable (a tombstone has only a key) and two columns
     * are added; a file of tombstones only has just those two.
     */
    static Schema markerSchema(Schema data) {
        List<Schema.Field> fields = new ArrayList<>();
        if (data != null) {
            for (Schema.Field f : data.getFields()) {
                fields.add(new Schema.Field(f.name(), nullable(f.schema()), f.doc(), Schema.Field.NULL_DEFAULT_VALUE));
            }
        }
        fields.add(new Schema.Field(DELETED, Schema.create(Schema.Type.BOOLEAN), "true for a tombstone (a deleted key)", false));
        fields.add(new Schema.Field(KEY, nullable(Schema.create(Schema.Type.BYTES)), "the Kafka record key", Schema.Field.NULL_DEFAULT_VALUE));
        return data == null
                ? Schema.createRecord("Tombstone", null, "dev.sluice.s3", false, fields)
                : Schema.createRecord(data.getName(), data.getDoc(), data.getNamespace(), false, fields);
    }

    private static Schema nullable(Schema s) {
        if (s.isNullable() && s.getType() == Schema.Type.UNION && s.getTypes().get(0).getType() == Schema.Type.NULL) {
            return s;
        }
        List<Schema> branches = new ArrayList<>();
        branches.add(Schema.create(Schema.Type.NULL));
        if (s.getType() == Schema.Type.UNION) {
            s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).forEach(branches::add);
        } else {
            branches.add(s);
        }
        return Schema.createUnion(branches);
    }
}
