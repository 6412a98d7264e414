package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.codec.ParquetEncoder;
import java.io.ByteArrayOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class WarmUpRecordTest {

    private static final Schema EVERY_TYPE = new Schema.Parser().parse("""
            {"type":"record","name":"E","fields":[
              {"name":"s","type":"string"}, {"name":"i","type":"int"}, {"name":"l","type":"long"},
              {"name":"f","type":"float"}, {"name":"d","type":"double"}, {"name":"b","type":"boolean"},
              {"name":"raw","type":"bytes"},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"maybe","type":["null","string"],"default":null},
              {"name":"kind","type":{"type":"enum","name":"K","symbols":["A","B"]}},
              {"name":"hash","type":{"type":"fixed","name":"H","size":4}},
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"attrs","type":{"type":"map","values":"long"}},
              {"name":"inner","type":{"type":"record","name":"In","fields":[{"name":"n","type":"int"}]}}]}""");

    private static final Schema RECURSIVE = new Schema.Parser().parse("""
            {"type":"record","name":"Node","fields":[
              {"name":"v","type":"int"}, {"name":"next","type":["null","Node"],"default":null}]}""");

    @Test
    void aRecordOfEveryTypeIsValidForItsSchemaAndFillsEveryField() {
        GenericRecord r = WarmUpRecord.of(EVERY_TYPE);

        assertThat(GenericData.get().validate(EVERY_TYPE, r)).isTrue();
        assertThat(r.get("maybe")).as("a nullable field takes its non-null branch, so its column writes a value").isEqualTo("");
        assertThat(r.get("tags")).asList().hasSize(1);
    }

    @Test
    void aRecursiveSchemaEndsInNull() {
        GenericRecord r = WarmUpRecord.of(RECURSIVE);

        int depth = 0;
        for (GenericRecord n = r; n != null; n = (GenericRecord) n.get("next")) {
            depth++;
        }
        assertThat(depth).isBetween(2, 10);
        assertThat(GenericData.get().validate(RECURSIVE, r)).isTrue();
    }

    @Test
    void parquetWritesItWithTheFilesTimestampSchema() throws Exception {
        Schema file = TimestampMicros.schema(EVERY_TYPE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParquetEncoder.Writer w = ParquetEncoder.load(getClass().getClassLoader()).open(out, file, Compression.SNAPPY.parquetCodec(), 1 << 20)) {
            w.write(WarmUpRecord.of(file));
        }
        assertThat(out.toByteArray()).as("a Parquet file, with its magic at both ends").startsWith('P', 'A', 'R', '1').endsWith('P', 'A', 'R', '1');
    }
}
