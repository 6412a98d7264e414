package dev.sluice.benchmarks;

import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Confluent-wire-format Avro to Connect Structs, decoded by the project's own {@link ConfluentAvroCodec} against
 * the registry the peer was given (so the topic's bytes and the decoding are the Sluice contender's). Flat records
 * of primitives, nullable unions and timestamp-millis: what the benchmark events are. Sink only.
 *
 * <p>Connect builds converters by class name, so the registry object comes through {@link #REGISTRIES}, under the key
 * the connector's config names ({@code value.converter.sluice.registry}); a registry server would cost the two cores.
 */
public final class AvroStructConverter implements Converter {

    static final String REGISTRY = "sluice.registry";
    static final Map<String, SchemaRegistryClient> REGISTRIES = new ConcurrentHashMap<>();
    private final Map<org.apache.avro.Schema, Schema> schemas = new ConcurrentHashMap<>();
    private ConfluentAvroCodec<GenericRecord> codec;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryClient registry = REGISTRIES.get(String.valueOf(configs.get(REGISTRY)));
        if (registry == null) {
            throw new DataException("no registry under " + REGISTRY + "=" + configs.get(REGISTRY));
        }
        codec = ConfluentAvroCodec.generic(registry, "events-value", null); // the subject is not used to decode
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw new UnsupportedOperationException("AvroStructConverter only reads");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        GenericRecord r = codec.decode(value);
        Schema schema = schemas.computeIfAbsent(r.getSchema(), AvroStructConverter::connectSchema);
        Struct s = new Struct(schema);
        for (Field f : schema.fields()) {
            Object v = r.get(f.index());
            if (v instanceof CharSequence c) {
                v = c.toString(); // Avro's Utf8; Connect's STRING wants a String
            } else if (v instanceof Long millis && Timestamp.LOGICAL_NAME.equals(f.schema().name())) {
                v = new Date(millis);
            }
            s.put(f, v);
        }
        return new SchemaAndValue(schema, s);
    }

    static Schema connectSchema(org.apache.avro.Schema record) {
        SchemaBuilder b = SchemaBuilder.struct().name(record.getFullName());
        for (org.apache.avro.Schema.Field f : record.getFields()) {
            org.apache.avro.Schema s = f.schema();
            boolean optional = s.isNullable();
            if (s.isUnion()) {
                List<org.apache.avro.Schema> branches = s.getTypes().stream().filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).toList();
                if (branches.size() != 1) {
                    throw new DataException("field " + f.name() + ": only unions of null and one type are supported, got " + s);
                }
                s = branches.get(0);
            }
            SchemaBuilder t = switch (s.getType()) {
                case STRING -> SchemaBuilder.string();
                case INT -> SchemaBuilder.int32();
                case LONG -> s.getLogicalType() instanceof LogicalTypes.TimestampMillis ? Timestamp.builder() : SchemaBuilder.int64();
                case FLOAT -> SchemaBuilder.float32();
                case DOUBLE -> SchemaBuilder.float64();
                case BOOLEAN -> SchemaBuilder.bool();
                default -> throw new DataException("field " + f.name() + ": unsupported Avro type " + s);
            };
            b.field(f.name(), optional ? t.optional().build() : t.build());
        }
        return b.build();
    }
}
