package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class TimestampMicrosTest {

    private static final Schema ORIGINAL = new Schema.Parser().parse("""
            {"type":"record","name":"O","fields":[
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"maybe","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},
              {"name":"plain","type":"long"},
              {"name":"items","type":{"type":"array","items":{"type":"record","name":"I","fields":[
                {"name":"seen","type":{"type":"long","logicalType":"local-timestamp-millis"}}]}}}]}""");

    @Test
    void millisBecomeMicrosInSchemaAndValuesNestedOrNot() {
        Schema micros = TimestampMicros.schema(ORIGINAL);
        assertThat(micros.getField("at").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        assertThat(micros.getField("maybe").schema().getTypes().get(1).getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        assertThat(micros.getField("plain").schema().getLogicalType()).isNull();

        Schema item = micros.getField("items").schema().getElementType();
        assertThat(item.getField("seen").schema().getLogicalType()).isEqualTo(LogicalTypes.localTimestampMicros());
        GenericRecord i = new GenericData.Record(item);
        i.put("seen", 7L);
        GenericRecord r = new GenericData.Record(micros);
        r.put("at", 1_000L);
        r.put("maybe", 2L);
        r.put("plain", 3L);
        r.put("items", new GenericData.Array<>(item.getField("seen") == null ? null : micros.getField("items").schema(), List.of(i)));

        TimestampMicros.scale(r, ORIGINAL);

        assertThat(r.get("at")).isEqualTo(1_000_000L);
        assertThat(r.get("maybe")).isEqualTo(2_000L);
        assertThat(r.get("plain")).isEqualTo(3L);
        assertThat(i.get("seen")).isEqualTo(7_000L);
    }

    @Test
    void aSchemaWithoutMillisIsLeftAlone() {
        assertThat(TimestampMicros.schema(Clicks.V1.getField("id").schema())).isSameAs(Clicks.V1.getField("id").schema());
    }
}
