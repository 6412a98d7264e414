package dev.sluice.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.DataException;
import dev.sluice.api.testing.Order;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

    public static final class Click {
        public String url;
        public long durationMs;

        public Click() {}

        Click(String url, long durationMs) {
            this.url = url;
            this.durationMs = durationMs;
        }
    }

    @Test
    void specificRecordsRoundTrip() {
        AvroCodec<Order> codec = AvroCodec.specific(Order.class);
        Order o = Orders.order("o-1");
        assertThat(codec.decode(codec.encode(o))).isEqualTo(o);
        assertThat(codec.encode(null)).isNull();
        assertThat(codec.decode(null)).isNull();
    }

    @Test
    void genericRecordsRoundTripAndResolveToANewerReaderSchema() {
        Schema v1 = SchemaBuilder.record("Click").fields().requiredString("url").endRecord();
        Schema v2 = SchemaBuilder.record("Click").fields().requiredString("url").name("ms").type().longType().longDefault(-1).endRecord();
        GenericRecord r = new GenericData.Record(v1);
        r.put("url", "/home");
        GenericRecord read = AvroCodec.generic(v1, v2).decode(AvroCodec.generic(v1).encode(r));
        assertThat(read.get("url").toString()).isEqualTo("/home");
        assertThat(read.get("ms")).isEqualTo(-1L);
    }

    @Test
    void reflectRoundTripsPlainClasses() {
        AvroCodec<Click> codec = AvroCodec.reflect(Click.class);
        Click back = codec.decode(codec.encode(new Click("/cart", 42)));
        assertThat(back.url).isEqualTo("/cart");
        assertThat(back.durationMs).isEqualTo(42);
    }

    @Test
    void truncatedBytesGiveADataExceptionNamingTheSchema() {
        AvroCodec<Order> codec = AvroCodec.specific(Order.class);
        byte[] bytes = codec.encode(Orders.order("o-1"));
        byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(DataException.class)
                .hasMessageContaining("dev.sluice.api.testing.Order").hasMessageContaining(cut.length + " bytes");
    }

    @Test
    void aValueThatDoesNotFitItsSchemaIsADataError() {
        Order bad = Orders.order("o-1");
        bad.setCustomer(null);
        assertThatThrownBy(() -> AvroCodec.specific(Order.class).encode(bad)).isInstanceOf(DataException.class)
                .hasMessageContaining("Avro encoding failed");
    }

    @Test
    void aFailedEncodingLeavesNothingBehindForTheNextRecord() {
        AvroCodec<Order> codec = AvroCodec.specific(Order.class);
        Order bad = Orders.order("o-1");
        bad.setNote("partial bytes first");
        bad.setCustomer(null);
        assertThatThrownBy(() -> codec.encode(bad)).isInstanceOf(DataException.class);
        Order good = Orders.order("o-2");
        assertThat(codec.decode(codec.encode(good))).isEqualTo(good);
        assertThat(codec.encode(good)).isEqualTo(codec.encode(good));
    }

    @Test
    void specificRefusesAClassThatIsNotGenerated() {
        assertThatThrownBy(() -> AvroModel.schemaOf(AvroModel.SPECIFIC, String.class))
                .hasMessageContaining("java.lang.String is not an Avro SpecificRecord");
    }
}
