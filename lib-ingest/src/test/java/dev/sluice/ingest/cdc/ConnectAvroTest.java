package dev.sluice.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class ConnectAvroTest {

    private final ConnectAvro avro = new ConnectAvro();

    private final org.apache.kafka.connect.data.Schema row = SchemaBuilder.struct().name("shop-db.public.orders.Value")
            .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
            .field("amount", Decimal.builder(2).optional().parameter("connect.decimal.precision", "10").build())
            .field("placed", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .build();
    private final org.apache.kafka.connect.data.Schema envelope = SchemaBuilder.struct().name("shop-db.public.orders.Envelope")
            .field("before", SchemaBuilder.struct().name(row.name()).optional()
                    .field("id", row.field("id").schema()).field("amount", row.field("amount").schema())
                    .field("placed", row.field("placed").schema()).build())
            .field("after", row)
            .field("op", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .build();

    @Test
    void structsBecomeAvroRecordsWithSafeNamesLogicalTypesAndNullableUnions() {
        Schema s = avro.schema(envelope);
        assertThat(s.getFullName()).isEqualTo("shop_db.public.orders.Envelope");
        Schema after = s.getField("after").schema();
        Schema before = s.getField("before").schema();
        assertThat(before.getType()).isEqualTo(Schema.Type.UNION);
        assertThat(before.getTypes().get(1)).isSameAs(after); // one named schema, defined once
        Schema amount = after.getField("amount").schema().getTypes().get(1);
        assertThat(amount.getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
        assertThat(after.getField("placed").schema().getTypes().get(1).getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        assertThat(after.getField("placed").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    }

    @Test
    void valuesConvertAndValidateAgainstTheConvertedSchema() {
        Struct r = new Struct(row).put("id", 7).put("amount", new BigDecimal("12.50")).put("placed", 1_795_507_200_000_001L);
        Struct e = new Struct(envelope).put("after", r).put("op", "c");
        GenericRecord out = (GenericRecord) avro.value(envelope, e);
        assertThat(GenericData.get().validate(avro.schema(envelope), out)).isTrue();
        GenericRecord after = (GenericRecord) out.get("after");
        assertThat(after.get("id")).isEqualTo(7);
        assertThat(out.get("before")).isNull();
        Schema amount = after.getSchema().getField("amount").schema().getTypes().get(1);
        assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) after.get("amount"), amount, amount.getLogicalType()))
                .isEqualByComparingTo("12.50");
    }
}
