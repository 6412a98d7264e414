package dev.sluice.formats;

import static dev.sluice.api.codec.AvroSamples.EVERYTHING;
import static dev.sluice.api.codec.AvroSamples.POINT;
import static dev.sluice.api.codec.AvroSamples.bytes;
import static dev.sluice.api.codec.AvroSamples.everything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.codec.AvroModel;
import dev.sluice.api.codec.Orders;
import dev.sluice.api.testing.Order;
import java.io.IOException;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class GeneratedDatumWriterTest {

    @Test
    void writesWhatAvrosGenericWriterWritesForEveryTypeUnionAndNesting() throws IOException {
        Random random = new Random(13);
        GenericData plain = new GenericData();
        GenericData converting = new GenericData();
        converting.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        for (GenericData data : List.of(plain, converting)) {
            DatumWriter<GenericRecord> generated = GeneratedDatumWriter.generate(EVERYTHING, data);
            assertThat(generated).as("a writer is generated for every type").isNotNull();
            DatumWriter<GenericRecord> avro = data.createDatumWriter(EVERYTHING);
            for (int n = 0; n < 300; n++) {
                GenericRecord r = everything(random, n, data == converting);
                assertThat(bytes(generated, r)).as("record %d", n).isEqualTo(bytes(avro, r));
            }
        }
    }

    @Test
    void writesWhatAvrosSpecificWriterWritesForGeneratedRecordsAndForGenericRecordsOfTheirSchema() throws IOException {
        SpecificData data = SpecificData.getForClass(Order.class);
        DatumWriter<Object> generated = GeneratedDatumWriter.generate(Order.getClassSchema(), data);
        assertThat(generated).isNotNull();
        DatumWriter<Object> avro = data.createDatumWriter(Order.getClassSchema());
        for (int n = 0; n < 50; n++) {
            Order o = Orders.varied(n);
            assertThat(bytes(generated, o)).as("order %d", n).isEqualTo(bytes(avro, o));
            GenericRecord copy = GenericData.get().deepCopy(Order.getClassSchema(), o); // a generic record with the same fields
            assertThat(bytes(generated, copy)).as("generic order %d", n).isEqualTo(bytes(avro, o));
        }
    }

    @Test
    void namesTheFieldOfANullOrAWrongValueAsTheCompiledWriterDoes() {
        Order o = Orders.varied(1);
        o.put("customer", null);
        DatumWriter<Object> specific = GeneratedDatumWriter.generate(Order.getClassSchema(), SpecificData.getForClass(Order.class));
        DatumWriter<Object> tree = AvroModel.SPECIFIC.writer(Order.getClassSchema(), SpecificData.getForClass(Order.class));
        assertThatThrownBy(() -> bytes(specific, o)).isInstanceOf(AvroTypeException.class)
                .hasMessage("field Order.customer: null value for (non-nullable) string")
                .hasMessage(messageOf(() -> bytes(tree, o)));

        GenericRecord p = new GenericData.Record(POINT);
        p.put("x", "not an int");
        assertThatThrownBy(() -> bytes(GeneratedDatumWriter.generate(POINT, new GenericData()), p)).isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("field Point.x").hasMessage(messageOf(() -> bytes(AvroModel.GENERIC.writer(POINT, new GenericData()), p)));
    }

    @Test
    void refusesAValueNoBranchOfAUnionTakesAndAMapWhoseSizeIsNotItsEntries() {
        Schema s = SchemaBuilder.record("R").fields().name("u").type().unionOf().nullType().and().longType().endUnion().nullDefault()
                .name("m").type().map().values().intType().noDefault().endRecord();
        GenericRecord r = new GenericData.Record(s);
        r.put("u", "a string");
        r.put("m", Map.of());
        DatumWriter<GenericRecord> generated = GeneratedDatumWriter.generate(s, new GenericData());
        assertThatThrownBy(() -> bytes(generated, r)).isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("field R.u").hasRootCauseInstanceOf(UnresolvedUnionException.class);
        r.put("u", 5L);
        r.put("m", new HashMap<>(Map.of("a", 1)) {
            @Override
            public int size() {
                return 2; // as a map changed by another thread while it is written
            }
        });
        assertThatThrownBy(() -> bytes(generated, r)).isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void leavesReflectionToItsOwnWriterAndEverythingToTheModelsWhenSwitchedOff() {
        Schema s = SchemaBuilder.record("R").fields().requiredInt("x").endRecord();
        assertThat(GeneratedDatumWriter.of(AvroModel.REFLECT, s, AvroModel.REFLECT.data(null))).isNotInstanceOf(GeneratedDatumWriter.class);
        assertThat(GeneratedDatumWriter.of(AvroModel.GENERIC, s, new GenericData())).isInstanceOf(GeneratedDatumWriter.class);
        System.setProperty(JavaClassSource.SWITCH, "false");
        try {
            assertThat(GeneratedDatumWriter.of(AvroModel.GENERIC, s, new GenericData())).isNotInstanceOf(GeneratedDatumWriter.class);
            assertThat(GeneratedDatumReader.of(AvroModel.GENERIC, s, s, new GenericData())).isNotInstanceOf(GeneratedDatumReader.class);
        } finally {
            System.clearProperty(JavaClassSource.SWITCH);
        }
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static String messageOf(Failing failing) {
        try {
            failing.run();
        } catch (Exception e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }
}
