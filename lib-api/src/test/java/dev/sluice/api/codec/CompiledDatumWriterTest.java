package dev.sluice.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.testing.Item;
import dev.sluice.api.testing.Order;
import dev.sluice.api.testing.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class CompiledDatumWriterTest {

    private static final Schema COLOR = SchemaBuilder.enumeration("Color").symbols("RED", "GREEN", "BLUE");
    private static final Schema HASH = SchemaBuilder.fixed("Hash").size(3);
    private static final Schema MILLIS = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    private static final Schema POINT = SchemaBuilder.record("Point").fields().requiredInt("x").optionalDouble("y").endRecord();
    /** A linked list: a record that refers to itself. */
    private static final Schema NODE = new Schema.Parser().parse("""
            {"type": "record", "name": "Node", "fields": [
              {"name": "label", "type": "string"},
              {"name": "next", "type": ["null", "Node"], "default": null}]}""");
    private static final Schema EVERYTHING = SchemaBuilder.record("Everything").namespace("t").fields()
            .requiredBoolean("b").requiredInt("i").requiredLong("l").requiredFloat("f").requiredDouble("d")
            .requiredString("s").optionalString("o").requiredBytes("raw")
            .name("color").type(COLOR).noDefault().name("hash").type(HASH).noDefault()
            .name("at").type(MILLIS).noDefault()
            .name("maybeAt").type().unionOf().nullType().and().type(MILLIS).endUnion().nullDefault()
            .name("nullLast").type().unionOf().intType().and().nullType().endUnion().intDefault(0)
            .name("point").type(POINT).noDefault()
            .name("many").type().unionOf().nullType().and().stringType().and().longType().and().type(POINT).and().type(COLOR).endUnion().nullDefault()
            .name("points").type().array().items(POINT).noDefault()
            .name("tags").type().map().values().unionOf().nullType().and().intType().endUnion().noDefault()
            .name("list").type(NODE).noDefault()
            .endRecord();

    @Test
    void writesWhatAvrosGenericWriterWritesForEveryTypeUnionAndNesting() throws IOException {
        Random random = new Random(7);
        GenericData plain = new GenericData();
        GenericData converting = new GenericData();
        converting.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        for (GenericData data : List.of(plain, converting)) {
            DatumWriter<GenericRecord> compiled = new CompiledDatumWriter<>(EVERYTHING, data);
            DatumWriter<GenericRecord> avro = data.createDatumWriter(EVERYTHING);
            for (int n = 0; n < 300; n++) {
                GenericRecord r = everything(random, n, data == converting);
                assertThat(bytes(compiled, r)).as("record %d", n).isEqualTo(bytes(avro, r));
            }
        }
    }

    @Test
    void writesWhatAvrosSpecificWriterWritesForGeneratedRecords() throws IOException {
        SpecificData data = SpecificData.getForClass(Order.class);
        DatumWriter<Order> compiled = new CompiledDatumWriter<>(Order.getClassSchema(), data);
        DatumWriter<Order> avro = new SpecificDatumWriter<>(Order.getClassSchema(), data);
        for (int n = 0; n < 50; n++) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < n % 4; i++) {
                items.add(Item.newBuilder().setSku("sku-" + i + "-ü").setPrice(i * 1.5).setQuantity(i).build());
            }
            Order o = Order.newBuilder().setId("o-" + n).setCustomer(n % 2 == 0 ? "c" : "Kunde Müller")
                    .setStatus(Status.values()[n % 3]).setItems(items).setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L + n))
                    .setNote(n % 3 == 0 ? null : "note " + n).build();
            assertThat(bytes(compiled, o)).as("order %d", n).isEqualTo(bytes(avro, o));
        }
    }

    @Test
    void namesTheFieldOfANullInANonNullableField() {
        Order o = Order.newBuilder().setId("o-1").setCustomer("c").setStatus(Status.NEW).setItems(List.of(new Item("s", 1.0, 1)))
                .setCreatedAt(Instant.EPOCH).build();
        o.put("customer", null);
        DatumWriter<Order> compiled = new CompiledDatumWriter<>(Order.getClassSchema(), SpecificData.getForClass(Order.class));
        assertThatThrownBy(() -> bytes(compiled, o)).isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("field Order.customer").hasMessageContaining("null value for (non-nullable) string");

        GenericRecord p = new GenericData.Record(POINT);
        p.put("x", "not an int");
        assertThatThrownBy(() -> bytes(new CompiledDatumWriter<>(POINT, new GenericData()), p)).isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("field Point.x");
    }

    @Test
    void refusesAValueNoBranchOfAUnionTakesAsAvroDoes() {
        Schema s = SchemaBuilder.record("R").fields().name("u").type().unionOf().nullType().and().longType().endUnion().nullDefault().endRecord();
        GenericRecord r = new GenericData.Record(s);
        r.put("u", "a string");
        assertThatThrownBy(() -> bytes(new GenericData().createDatumWriter(s), r)).isInstanceOf(UnresolvedUnionException.class);
        assertThatThrownBy(() -> bytes(new CompiledDatumWriter<>(s, new GenericData()), r)).isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("field R.u").hasRootCauseInstanceOf(UnresolvedUnionException.class);
    }

    @Test
    void writesMapKeysThroughStringsAsAvroDoesEvenWhenTheirUtf8IsMalformed() throws IOException {
        Schema s = SchemaBuilder.record("M").fields().name("m").type().map().values().intType().noDefault().endRecord();
        GenericRecord r = new GenericData.Record(s);
        r.put("m", Map.of(new Utf8(new byte[] {(byte) 0xC3}), 1)); // a lone lead byte, as a non-Java producer may write
        assertThat(bytes(new CompiledDatumWriter<>(s, new GenericData()), r)).isEqualTo(bytes(new GenericData().createDatumWriter(s), r));
    }

    @Test
    void refusesAMapWhoseSizeIsNotItsEntriesAsAvroDoes() {
        Schema s = SchemaBuilder.record("M").fields().name("m").type().map().values().intType().noDefault().endRecord();
        GenericRecord r = new GenericData.Record(s);
        r.put("m", new HashMap<>(Map.of("a", 1)) {
            @Override
            public int size() {
                return 2; // as a map changed by another thread while it is written
            }
        });
        assertThatThrownBy(() -> bytes(new GenericData().createDatumWriter(s), r)).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> bytes(new CompiledDatumWriter<>(s, new GenericData()), r)).isInstanceOf(ConcurrentModificationException.class);
    }

    private static GenericRecord everything(Random random, int n, boolean instants) {
        GenericRecord r = new GenericData.Record(EVERYTHING);
        String[] strings = {"", "ascii", "Grüße", "日本語", "\uD83D\uDE00"};
        r.put("b", random.nextBoolean());
        r.put("i", random.nextInt());
        r.put("l", random.nextLong());
        r.put("f", random.nextFloat());
        r.put("d", random.nextDouble());
        r.put("s", n % 2 == 0 ? strings[n % 5] : new Utf8(strings[n % 5]));
        r.put("o", n % 3 == 0 ? null : n % 3 == 1 ? strings[(n + 2) % 5] : new Utf8(strings[(n + 2) % 5]));
        r.put("nullLast", n % 2 == 0 ? null : n);
        byte[] raw = new byte[n % 20];
        random.nextBytes(raw);
        r.put("raw", ByteBuffer.wrap(raw));
        r.put("color", new GenericData.EnumSymbol(COLOR, COLOR.getEnumSymbols().get(n % 3)));
        r.put("hash", new GenericData.Fixed(HASH, new byte[] {(byte) n, 2, 3}));
        long millis = 1_700_000_000_000L + n;
        r.put("at", instants ? Instant.ofEpochMilli(millis) : millis);
        r.put("maybeAt", n % 2 == 0 ? null : instants ? Instant.ofEpochMilli(millis) : millis);
        r.put("point", point(n));
        Object[] many = {null, "text", new Utf8("utf8"), (long) n, point(n + 1), new GenericData.EnumSymbol(COLOR, "BLUE")};
        r.put("many", many[n % many.length]);
        List<GenericRecord> points = new ArrayList<>();
        for (int i = 0; i < n % 4; i++) {
            points.add(point(i));
        }
        r.put("points", points);
        Map<Object, Object> tags = new LinkedHashMap<>();
        for (int i = 0; i < n % 3; i++) {
            tags.put(i % 2 == 0 ? "k" + i : new Utf8("ü" + i), i == 1 ? null : i);
        }
        r.put("tags", tags);
        GenericRecord list = null;
        for (int i = 0; i <= n % 3; i++) {
            GenericRecord node = new GenericData.Record(NODE);
            node.put("label", "node " + i);
            node.put("next", list);
            list = node;
        }
        r.put("list", list);
        return r;
    }

    private static GenericRecord point(int n) {
        GenericRecord p = new GenericData.Record(POINT);
        p.put("x", n);
        p.put("y", n % 2 == 0 ? null : n / 2.0);
        return p;
    }

    private static <T> byte[] bytes(DatumWriter<T> writer, T value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, e);
        e.flush();
        return out.toByteArray();
    }
}
