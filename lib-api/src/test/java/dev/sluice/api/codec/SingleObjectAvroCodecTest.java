package dev.sluice.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.DataException;
import dev.sluice.api.testing.Order;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class SingleObjectAvroCodecTest {

    @Test
    void roundTripsWithTheSpecMarkerAndFingerprint() {
        SingleObjectAvroCodec<Order> codec = SingleObjectAvroCodec.specific(Order.class);
        byte[] bytes = codec.encode(Orders.order("o-9"));
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(codec.decode(bytes)).isEqualTo(Orders.order("o-9"));
    }

    @Test
    void readsRecordsOfAKnownOlderSchema() {
        Schema v1 = SchemaBuilder.record("Click").fields().requiredString("url").endRecord();
        Schema v2 = SchemaBuilder.record("Click").fields().requiredString("url").name("ms").type().longType().longDefault(7).endRecord();
        GenericRecord old = new GenericData.Record(v1);
        old.put("url", "/x");
        byte[] bytes = SingleObjectAvroCodec.generic(v1).encode(old);
        assertThat(SingleObjectAvroCodec.generic(v2, v1).decode(bytes).get("ms")).isEqualTo(7L);
        assertThatThrownBy(() -> SingleObjectAvroCodec.generic(v2).decode(bytes)).isInstanceOf(DataException.class)
                .hasMessageContaining("single-object decoding failed");
    }

    @Test
    void bytesWithoutTheMarkerAreRefused() {
        assertThatThrownBy(() -> SingleObjectAvroCodec.specific(Order.class).decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
                .isInstanceOf(DataException.class);
    }
}
