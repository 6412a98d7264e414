package dev.sluice.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.DataException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.reflect.Nullable;
import org.junit.jupiter.api.Test;

class JavaRecordReflectTest {

    enum Device { MOBILE, DESKTOP }

    record Geo(String country, @Nullable String city) {}

    record Click(String eventId, long durationMs, int views, short retries, boolean bounce, double score, Device device, Geo geo,
                 List<String> tags, Set<Integer> slots, Map<String, Geo> seen, byte[] payload, @Nullable Long parentMs) {}

    record Positive(String id, long n) {
        Positive {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative, got " + n);
            }
        }
    }

    @Test
    void aJavaRecordRoundTripsThroughItsCanonicalConstructor() {
        AvroCodec<Click> codec = AvroCodec.reflect(Click.class);
        Click in = new Click("e-1", 1_500, 3, (short) 2, true, 0.25, Device.DESKTOP, new Geo("FR", null), List.of("a", "b"), Set.of(7),
                Map.of("home", new Geo("DE", "Berlin")), new byte[] {1, 2, 3}, null);
        Click out = codec.decode(codec.encode(in));
        assertThat(out).usingRecursiveComparison().isEqualTo(in);
        assertThat(out.geo()).isEqualTo(in.geo()).isInstanceOf(Geo.class);
        assertThat(out.payload()).containsExactly(1, 2, 3);
        assertThat(out.tags()).containsExactly("a", "b").allSatisfy(t -> assertThat(t).isInstanceOf(String.class));
    }

    @Test
    void aRecordOfAnOlderSchemaIsReadThroughResolution() {
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"Positive","namespace":"dev.sluice.api.codec.JavaRecordReflectTest","fields":[
                  {"name":"id","type":"string"},{"name":"n","type":"int"}]}""");
        GenericRecord r = new GenericData.Record(older);
        r.put("id", "x");
        r.put("n", 5);
        byte[] bytes = AvroCodec.generic(older).encode(r);
        Schema reader = AvroCodec.reflect(Positive.class).schema();
        DatumReader<Positive> datumReader = AvroModel.REFLECT.reader(older, reader, AvroModel.REFLECT.data(Positive.class));
        Positive p = AvroBinary.read(datumReader, bytes, 0, "Positive");
        assertThat(p).isEqualTo(new Positive("x", 5)); // int promoted to long
    }

    @Test
    void aValueTheConstructorRefusesIsADataErrorNamingTheRecord() {
        Schema schema = AvroCodec.reflect(Positive.class).schema();
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", "x");
        r.put("n", -1L);
        assertThatThrownBy(() -> AvroCodec.reflect(Positive.class).decode(AvroCodec.generic(schema).encode(r)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Positive's constructor refused the values: n must not be negative, got -1");
    }
}
