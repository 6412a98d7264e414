package dev.sluice.formats;

import dev.sluice.api.codec.AvroCodec;
import java.util.Arrays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.codec.Orders;
import dev.sluice.api.error.DataException;
import dev.sluice.api.testing.Order;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ConfluentAvroCodecTest {

    private final InMemoryRegistry registry = new InMemoryRegistry();

    @Test
    void writesMagicByteAndBigEndianSchemaIdThenAvroBinary() {
        ConfluentAvroCodec<Order> codec = ConfluentAvroCodec.specific(registry, "orders-value", Order.class);
        Order o = Orders.order("o-1");
        byte[] bytes = codec.encode(o);
        assertThat(bytes[0]).isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.getById(id)).isEqualTo(Order.getClassSchema());
        byte[] plain = AvroCodec.specific(Order.class).encode(o);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plain);
        assertThat(codec.decode(bytes)).isEqualTo(o);
    }

    @Test
    void registersOncePerSchema() {
        ConfluentAvroCodec<Order> codec = ConfluentAvroCodec.specific(registry, "orders-value", Order.class);
        for (int i = 0; i < 10; i++) {
            codec.encode(Orders.order("o-" + i));
        }
        assertThat(registry.registrations).isEqualTo(1);
    }

    @Test
    void readsOlderRecordsWithTheNewerReaderSchema() {
        Schema v1 = SchemaBuilder.record("Click").fields().requiredString("url").endRecord();
        Schema v2 = SchemaBuilder.record("Click").fields().requiredString("url").name("ms").type().longType().longDefault(-1).endRecord();
        GenericRecord old = new GenericData.Record(v1);
        old.put("url", "/a");
        byte[] written = ConfluentAvroCodec.generic(registry, "clicks-value", null).encode(old);
        GenericRecord read = ConfluentAvroCodec.generic(registry, "clicks-value", v2).decode(written);
        assertThat(read.getSchema()).isEqualTo(v2);
        assertThat(read.get("ms")).isEqualTo(-1L);
    }

    @Test
    void badHeadersAreNamedPrecisely() {
        ConfluentAvroCodec<Order> codec = ConfluentAvroCodec.specific(registry, "orders-value", Order.class);
        assertThatThrownBy(() -> codec.decode("{\"id\":1}".getBytes())).isInstanceOf(DataException.class)
                .hasMessage("not Confluent wire format: byte 0 is 0x7b, expected magic byte 0x00 (the record looks like JSON)");
        assertThatThrownBy(() -> codec.decode(new byte[] {0, 0, 1})).isInstanceOf(DataException.class)
                .hasMessage("not Confluent wire format: record is 3 bytes, the header alone needs 5");
    }

    @Test
    void anUnknownSchemaIdIsARegistryRefusal() {
        ConfluentAvroCodec<Order> codec = ConfluentAvroCodec.specific(registry, "orders-value", Order.class);
        assertThatThrownBy(() -> codec.decode(new byte[] {0, 0, 0, 0, 7, 2})).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema 7 not found");
    }

    @Test
    void survivesJavaSerializationForSpark() throws Exception {
        ConfluentAvroCodec<Order> codec = ConfluentAvroCodec.specific(registry, "orders-value", Order.class);
        byte[] bytes = codec.encode(Orders.order("o-1"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(codec);
        }
        @SuppressWarnings("unchecked")
        ConfluentAvroCodec<Order> copy = (ConfluentAvroCodec<Order>) new ObjectInputStream(new ByteArrayInputStream(buf.toByteArray())).readObject();
        assertThat(copy.decode(bytes).getId()).isEqualTo("o-1");
    }
}
