package dev.sluice.formats;

import static dev.sluice.api.codec.AvroSamples.EVERYTHING;
import static dev.sluice.api.codec.AvroSamples.POINT;
import static dev.sluice.api.codec.AvroSamples.bytes;
import static dev.sluice.api.codec.AvroSamples.everything;
import static dev.sluice.api.codec.AvroSamples.kitchen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.codec.AvroModel;
import dev.sluice.api.codec.Orders;
import dev.sluice.api.testing.Hash4;
import dev.sluice.api.testing.Kitchen;
import dev.sluice.api.testing.Level;
import dev.sluice.api.testing.Link;
import dev.sluice.api.testing.Order;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
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
    void writesWhatAvrosSpecificWriterWritesForEveryTypeAndLogicalTypeOfAGeneratedRecord() throws IOException {
        Random random = new Random(19);
        SpecificData data = SpecificData.getForClass(Kitchen.class);
        DatumWriter<Kitchen> generated = GeneratedDatumWriter.generate(Kitchen.getClassSchema(), data);
        assertThat(generated).isNotNull();
        assertThat(GeneratedDatumWriter.<Kitchen>of(AvroModel.SPECIFIC, Kitchen.getClassSchema(), AvroModel.SPECIFIC.data(Kitchen.class)))
                .as("what the codec's model gets").isInstanceOf(GeneratedDatumWriter.class);
        for (int n = 0; n < 60; n++) {
            byte[] written = bytes(new GenericData().createDatumWriter(Kitchen.getClassSchema()), kitchen(random, n));
            DatumReader<Kitchen> reader = data.createDatumReader(Kitchen.getClassSchema());
            Kitchen k = reader.read(null, DecoderFactory.get().binaryDecoder(written, null));
            assertThat(bytes(generated, k)).as("kitchen %d", n).isEqualTo(bytes(data.createDatumWriter(Kitchen.getClassSchema()), k))
                    .isEqualTo(written);
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

        // Nested: each record on the way names its field, as the tree does.
        Kitchen k = Kitchen.newBuilder().setHash(new Hash4(new byte[4])).setRaw(ByteBuffer.allocate(0)).setCounts(Map.of())
                .setAmount(new BigDecimal("1.25")).setId(UUID.randomUUID()).setDay(LocalDate.EPOCH).setLevel(Level.LOW).setRatio(1f)
                .setChain(new Link("a", new Link(null, null))).build();
        SpecificData data = SpecificData.getForClass(Kitchen.class);
        assertThatThrownBy(() -> bytes(GeneratedDatumWriter.generate(Kitchen.getClassSchema(), data), k)).isInstanceOf(AvroTypeException.class)
                .hasMessage("field Kitchen.chain: field Link.next: field Link.label: null value for (non-nullable) string")
                .hasMessage(messageOf(() -> bytes(AvroModel.SPECIFIC.writer(Kitchen.getClassSchema(), data), k)));
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
