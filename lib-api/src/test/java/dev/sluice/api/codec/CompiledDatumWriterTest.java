package dev.sluice.api.codec;

import static dev.sluice.api.codec.AvroSamples.EVERYTHING;
import static dev.sluice.api.codec.AvroSamples.POINT;
import static dev.sluice.api.codec.AvroSamples.bytes;
import static dev.sluice.api.codec.AvroSamples.everything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.testing.Item;
import dev.sluice.api.testing.Order;
import dev.sluice.api.testing.Status;
import java.io.IOException;
import java.time.Instant;
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
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class CompiledDatumWriterTest {

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
            Order o = Orders.varied(n);
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
}
