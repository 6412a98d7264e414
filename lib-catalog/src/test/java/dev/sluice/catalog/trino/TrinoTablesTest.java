package dev.sluice.catalog.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class TrinoTablesTest {

    private static final Schema CLICK = new Schema.Parser().parse("""
            {"type":"record","name":"Click","fields":[
              {"name":"id","type":"long"},
              {"name":"pageCategory","type":["null","string"]},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"geo","type":{"type":"record","name":"Geo","fields":[{"name":"lat","type":"double"}]}},
              {"name":"timestamp","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"dt","type":"string"}]}""");

    @Test
    void anExternalTableHasTheRecordsFieldsThenThePartitionColumns() {
        assertThat(TrinoTables.createExternalTable("lake.curated.clicks", CLICK, List.of("dt"), "s3://lake/clicks/")).isEqualTo("""
                CREATE TABLE IF NOT EXISTS lake.curated.clicks (
                    "id" bigint,
                    "pageCategory" varchar,
                    "amount" decimal(10, 2),
                    "tags" array(varchar),
                    "geo" row("lat" double),
                    "timestamp" timestamp(6),
                    "dt" varchar
                )
                WITH (format = 'PARQUET', partitioned_by = ARRAY['dt'], external_location = 's3://lake/clicks/')""");
    }

    @Test
    void aUnionOfTwoTypesIsRefusedNamingTheField() {
        Schema odd = new Schema.Parser().parse("""
                {"type":"record","name":"Odd","fields":[{"name":"v","type":["null","string","long"]}]}""");
        assertThatThrownBy(() -> TrinoTables.createExternalTable("t", odd, List.of(), "s3://b/t/")).hasMessageStartingWith("v: a union of");
    }
}
