package dev.sluice.formats;

import static dev.sluice.api.codec.AvroSamples.COLOR;
import static dev.sluice.api.codec.AvroSamples.EVERYTHING;
import static dev.sluice.api.codec.AvroSamples.bytes;
import static dev.sluice.api.codec.AvroSamples.everything;
import static dev.sluice.api.codec.AvroSamples.kitchen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.codec.AvroModel;
import dev.sluice.api.codec.Orders;
import dev.sluice.api.testing.Kitchen;
import dev.sluice.api.testing.Order;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.AvroTypeException;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class GeneratedDatumReaderTest {

    @Test
    void readsWhatAvrosGenericReaderReadsForEveryTypeUnionAndNestingClassForClass() throws IOException {
        Random random = new Random(11);
        GenericData plain = new GenericData();
        GenericData converting = new GenericData();
        converting.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        for (GenericData data : List.of(plain, converting)) {
            DatumReader<GenericRecord> generated = GeneratedDatumReader.generate(EVERYTHING, EVERYTHING, data);
            assertThat(generated).as("a reader is generated for every type").isNotNull();
            DatumReader<GenericRecord> avro = data.createDatumReader(EVERYTHING);
            for (int n = 0; n < 300; n++) {
                byte[] bytes = bytes(data.createDatumWriter(EVERYTHING), everything(random, n, data == converting));
                assertSameValues(read(generated, bytes), read(avro, bytes), "record " + n);
            }
        }
    }

    @Test
    void readsWhatAvrosSpecificReaderReadsForGeneratedRecordsClassForClass() throws IOException {
        SpecificData data = SpecificData.getForClass(Order.class);
        DatumReader<Order> generated = GeneratedDatumReader.generate(Order.getClassSchema(), Order.getClassSchema(), data);
        assertThat(generated).isNotNull();
        DatumReader<Order> avro = data.createDatumReader(Order.getClassSchema());
        for (int n = 0; n < 50; n++) {
            Order o = Orders.varied(n);
            byte[] bytes = bytes(data.createDatumWriter(Order.getClassSchema()), o);
            Order read = read(generated, bytes);
            assertSameValues(read, read(avro, bytes), "order " + n);
            assertThat(read).isEqualTo(o);
        }
    }

    @Test
    void readsWhatAvrosSpecificReaderReadsForEveryTypeAndLogicalTypeOfAGeneratedRecord() throws IOException {
        Random random = new Random(17);
        SpecificData data = SpecificData.getForClass(Kitchen.class);
        DatumReader<Kitchen> generated = GeneratedDatumReader.generate(Kitchen.getClassSchema(), Kitchen.getClassSchema(), data);
        assertThat(generated).isNotNull();
        DatumReader<Kitchen> avro = data.createDatumReader(Kitchen.getClassSchema());
        for (int n = 0; n < 60; n++) {
            byte[] bytes = bytes(new GenericData().createDatumWriter(Kitchen.getClassSchema()), kitchen(random, n));
            assertSameValues(read(generated, bytes), read(avro, bytes), "kitchen " + n);
        }
    }

    @Test
    void isWhatTheCodecsModelsGetAndLeavesAvrosOlderReaderItsOwnArrays() {
        Schema order = Order.getClassSchema();
        assertThat(GeneratedDatumReader.<Order>of(AvroModel.SPECIFIC, order, order, AvroModel.SPECIFIC.data(Order.class)))
                .isInstanceOf(GeneratedDatumReader.class);
        assertThat(GeneratedDatumReader.<GenericRecord>of(AvroModel.GENERIC, EVERYTHING, EVERYTHING, AvroModel.GENERIC.data(null)))
                .isInstanceOf(GeneratedDatumReader.class);
        GenericData older = new GenericData();
        older.setFastReaderEnabled(false); // its arrays of ints are PrimitivesArrays, not GenericData.Array
        assertThat(GeneratedDatumReader.generate(EVERYTHING, EVERYTHING, older)).isNull();
        assertThat(GeneratedDatumReader.generate(PresetRecord.SCHEMA, PresetRecord.SCHEMA, new SpecificData()))
                .as("a constructor that fills a field Avro's reader reads into").isNull();
    }

    @Test
    void leavesToAvrosReaderWhatNeedsResolutionReflectionOrAnotherStringClass() throws IOException {
        Schema v1 = SchemaBuilder.record("R").fields().requiredInt("x").endRecord();
        Schema v2 = SchemaBuilder.record("R").fields().requiredInt("x").name("y").type().intType().intDefault(7).endRecord();
        DatumReader<GenericRecord> resolving = GeneratedDatumReader.of(AvroModel.GENERIC, v1, v2, new GenericData());
        assertThat(resolving).isNotInstanceOf(GeneratedDatumReader.class);
        GenericRecord old = new GenericData.Record(v1);
        old.put("x", 3);
        GenericRecord read = read(resolving, bytes(new GenericData().createDatumWriter(v1), old));
        assertThat(read.get("y")).isEqualTo(7);

        Schema javaClass = new Schema.Parser().parse("""
                {"type": "record", "name": "J", "fields": [
                  {"name": "n", "type": {"type": "string", "java-class": "java.math.BigInteger"}}]}""");
        assertThat(GeneratedDatumReader.generate(javaClass, javaClass, new SpecificData())).isNull();
        // Classes compiled under a loader that cannot see Sluice could not run: Avro's reader reads.
        assertThat(JavaClassSource.sees(ClassLoader.getPlatformClassLoader(), GeneratedDatumReader.Body.class)).isFalse();
        assertThat(JavaClassSource.sees(Order.class.getClassLoader(), GeneratedDatumReader.Body.class)).isTrue();
        assertThat(GeneratedDatumReader.<GenericRecord>of(AvroModel.REFLECT, v1, v1, AvroModel.REFLECT.data(null)))
                .isNotInstanceOf(GeneratedDatumReader.class);
    }

    @Test
    void namesAUnionOrEnumIndexOutOfRangeAndRefusesTruncatedInputAsAvroDoes() {
        Schema s = SchemaBuilder.record("U").fields()
                .name("u").type().unionOf().nullType().and().longType().endUnion().nullDefault()
                .name("c").type(COLOR).noDefault().endRecord();
        DatumReader<GenericRecord> generated = GeneratedDatumReader.generate(s, s, new GenericData());
        assertThat(generated).isNotNull();
        assertThatThrownBy(() -> read(generated, new byte[] {4, 0})).isInstanceOf(AvroTypeException.class)
                .hasMessage("index 2 out of range for union of 2");
        assertThatThrownBy(() -> read(generated, new byte[] {0, 6})).isInstanceOf(AvroTypeException.class)
                .hasMessage("index 3 out of range for enum Color of 3");
        byte[] truncated = {2};
        assertThatThrownBy(() -> read(new GenericData().createDatumReader(s), truncated)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(generated, truncated)).isInstanceOf(EOFException.class);
    }

    @Test
    void keepsNamesOutOfTheSourceSoAnUnvalidatedSchemaCannotInjectCode() throws IOException {
        String name = "E\\\");System.exit(3);//";
        Schema s = new Schema.Parser(NameValidator.NO_VALIDATION).parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "e", "type": {"type": "enum", "name": "%s", "symbols": ["A"]}}]}""".formatted(name));
        DatumReader<GenericRecord> generated = GeneratedDatumReader.generate(s, s, new GenericData());
        assertThat(generated).isNotNull();
        GenericRecord r = read(generated, new byte[] {0});
        assertThat(r.get("e")).hasToString("A");
        assertThatThrownBy(() -> read(generated, new byte[] {2})).hasMessage("index 1 out of range for enum E\");System.exit(3);// of 1");
    }

    @Test
    void compilesOneClassPerSchemaAndModel() {
        GeneratedDatumReader<Object> first = GeneratedDatumReader.generate(EVERYTHING, EVERYTHING, new GenericData());
        GeneratedDatumReader<Object> second = GeneratedDatumReader.generate(EVERYTHING, EVERYTHING, new GenericData());
        assertThat(second.bodyClass()).isSameAs(first.bodyClass());
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(DatumReader<?> reader, byte[] bytes) throws IOException {
        return (T) reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    /** Equal values of the same classes all the way down: Avro's equals alone takes a Utf8 for a String. */
    private static void assertSameValues(Object actual, Object expected, String path) {
        if (expected == null) {
            assertThat(actual).as(path).isNull();
            return;
        }
        assertThat(actual).as(path).isNotNull();
        assertThat(actual.getClass()).as(path).isEqualTo(expected.getClass());
        if (expected instanceof IndexedRecord e) {
            IndexedRecord a = (IndexedRecord) actual;
            for (Schema.Field f : e.getSchema().getFields()) {
                assertSameValues(a.get(f.pos()), e.get(f.pos()), path + "." + f.name());
            }
        } else if (expected instanceof Collection<?> e) {
            assertThat((Collection<?>) actual).as(path).hasSameSizeAs(e);
            Iterator<?> a = ((Collection<?>) actual).iterator();
            int i = 0;
            for (Object item : e) {
                assertSameValues(a.next(), item, path + "[" + i++ + "]");
            }
        } else if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(a.keySet()).as(path).isEqualTo(e.keySet());
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                Object key = a.keySet().stream().filter(entry.getKey()::equals).findFirst().orElseThrow();
                assertSameValues(key, entry.getKey(), path + " key " + key);
                assertSameValues(a.get(key), entry.getValue(), path + "[" + key + "]");
            }
        } else if (expected instanceof GenericData.Fixed e) {
            assertThat(Arrays.equals(((GenericData.Fixed) actual).bytes(), e.bytes())).as(path).isTrue();
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
