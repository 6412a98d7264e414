package dev.sluice.formats;

import dev.sluice.api.Require;
import dev.sluice.api.codec.AvroBinary;
import dev.sluice.api.codec.AvroModel;
import dev.sluice.api.codec.Codec;
import dev.sluice.api.error.DataException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro in the Confluent wire format: magic byte {@code 0}, the writer schema's 4-byte big-endian
 * global id, then Avro binary. Readable by every Confluent-compatible consumer.
 *
 * <p>Encoding registers the value's schema under the subject (once, then cached). Decoding fetches
 * the writer schema by id (once per id) and resolves it to the reader schema, so consumers with a
 * newer compatible schema read older records. With no reader schema (generic), records are read
 * as written.
 */
public final class ConfluentAvroCodec<T> implements Codec<T> {

    private static final long serialVersionUID = 1L;
    static final byte MAGIC = 0;
    static final int HEADER = 5;

    private final SchemaRegistryClient registry;
    private final String subject;
    private final AvroModel model;
    private final Class<T> type;
    private final Schema readerSchema;
    private transient volatile State<T> state;
    // The last writer and reader used: most codecs see one schema, and a map lookup per record showed in profiles.
    // Immutable records, so a thread that reads a stale one still sees a whole pair.
    private transient Writer<T> lastWriter;
    private transient Reader<T> lastReader;

    private record Writer<T>(Schema schema, byte[] header, DatumWriter<T> writer) {}

    private record Reader<T>(int id, DatumReader<T> reader) {}

    /** Readers by writer-schema id and writers by schema; rebuilt after deserialization. */
    private record State<T>(Map<Integer, DatumReader<T>> readers, Map<Schema, Writer<T>> writers) {}

    private ConfluentAvroCodec(SchemaRegistryClient registry, String subject, AvroModel model, Class<T> type, Schema readerSchema) {
        this.registry = Require.nonNull(registry, "registry");
        this.subject = Require.nonBlank(subject, "subject");
        this.model = model;
        this.type = type;
        this.readerSchema = readerSchema;
    }

    /** Generated specific records; subject usually {@link SchemaRegistryClient#valueSubject(String)}. */
    public static <T extends SpecificRecord> ConfluentAvroCodec<T> specific(SchemaRegistryClient registry, String subject, Class<T> type) {
        return new ConfluentAvroCodec<>(registry, subject, AvroModel.SPECIFIC, type, AvroModel.schemaOf(AvroModel.SPECIFIC, type));
    }

    /** Generic records, read with {@code readerSchema}, or as written when it is null. */
    public static ConfluentAvroCodec<GenericRecord> generic(SchemaRegistryClient registry, String subject, Schema readerSchema) {
        return new ConfluentAvroCodec<>(registry, subject, AvroModel.GENERIC, GenericRecord.class, readerSchema);
    }

    /** Plain Java classes through Avro reflection. */
    public static <T> ConfluentAvroCodec<T> reflect(SchemaRegistryClient registry, String subject, Class<T> type) {
        return new ConfluentAvroCodec<>(registry, subject, AvroModel.REFLECT, type, AvroModel.schemaOf(AvroModel.REFLECT, type));
    }

    public String subject() {
        return subject;
    }

    @Override
    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        Schema schema = value instanceof GenericContainer c ? c.getSchema() : readerSchema;
        Writer<T> w = lastWriter;
        if (w == null || w.schema() != schema) {
            w = state().writers().computeIfAbsent(schema, s -> {
                int id = registry.register(subject, s);
                return new Writer<>(s, header(id), GeneratedDatumWriter.of(model, s, data()));
            });
            lastWriter = w;
        }
        return AvroBinary.write(w.writer(), value, w.header());
    }

    @Override
    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int id = schemaId(bytes);
        Reader<T> r = lastReader;
        if (r == null || r.id() != id) {
            DatumReader<T> reader = state().readers().computeIfAbsent(id, k -> {
                Schema writer = registry.getById(k);
                return GeneratedDatumReader.of(model, writer, readerSchema != null ? readerSchema : writer, data());
            });
            r = new Reader<>(id, reader);
            lastReader = r;
        }
        return AvroBinary.read(r.reader(), bytes, HEADER, "schema id " + id);
    }

    /** Reads and checks the wire-format header, naming the byte at fault. */
    static int schemaId(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new DataException("not Confluent wire format: record is " + bytes.length + " bytes, the header alone needs " + HEADER);
        }
        if (bytes[0] != MAGIC) {
            throw new DataException(String.format(
                    "not Confluent wire format: byte 0 is 0x%02x, expected magic byte 0x00%s", bytes[0] & 0xff,
                    bytes[0] == '{' || bytes[0] == '[' ? " (the record looks like JSON)" : ""));
        }
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    static byte[] header(int id) {
        return new byte[] {MAGIC, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    private GenericData data() {
        return model.data(model == AvroModel.GENERIC ? null : type);
    }

    private State<T> state() {
        State<T> s = state;
        if (s == null) {
            synchronized (this) {
                if (state == null) {
                    state = new State<>(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
                }
                s = state;
            }
        }
        return s;
    }
}
