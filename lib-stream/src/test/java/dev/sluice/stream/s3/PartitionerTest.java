package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class PartitionerTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"E","fields":[
              {"name":"country","type":["null","string"]},
              {"name":"at","type":{"type":"long","logicalType":"timestamp-micros"}}]}""");
    private static final Instant RECORD_TIME = Instant.parse("2026-11-24T07:15:00Z");

    private static GenericRecord event(String country, long atMicros) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("country", country);
        r.put("at", atMicros);
        return r;
    }

    @Test
    void fieldsThenRecordTime() {
        Partitioner p = Partitioning.daily().withFields("country").partitioner();
        assertThat(p.path(event("DE", 0), RECORD_TIME)).isEqualTo("country=DE/dt=2026-11-24/hr=07");
    }

    @Test
    void aNullValueAndAMissingValueGoToHivesDefaultPartition() {
        Partitioner p = Partitioning.byFields("country").partitioner();
        assertThat(p.path(event(null, 0), RECORD_TIME)).isEqualTo("country=__HIVE_DEFAULT_PARTITION__");
        assertThat(p.path(null, RECORD_TIME)).as("a tombstone").isEqualTo("country=__HIVE_DEFAULT_PARTITION__");
    }

    @Test
    void valuesAreEscapedAsHiveDoes() {
        Partitioner p = Partitioning.byFields("country").partitioner();
        assertThat(p.path(event("a/b=c%", 0), RECORD_TIME)).isEqualTo("country=a%2Fb%3Dc%25");
    }

    @Test
    void aMicrosTimeFieldIsReadAsMicros() {
        Partitioner p = Partitioning.byRecordTime("'dt='yyyy-MM-dd").withTimeField("at").partitioner();
        long micros = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli() * 1000;
        assertThat(p.path(event("DE", micros), RECORD_TIME)).isEqualTo("dt=2026-01-02");
    }

    @Test
    void anUnknownFieldIsNamedInTheError() {
        Partitioner p = Partitioning.byFields("region").partitioner();
        assertThatThrownBy(() -> p.path(event("DE", 0), RECORD_TIME)).hasMessageContaining("\"region\"").hasMessageContaining("E");
    }

    @Test
    void aBadPatternFailsWhenConfiguredNotAtTheFirstRecord() {
        assertThatThrownBy(() -> Partitioning.byRecordTime("'dt=yyyy")).isInstanceOf(IllegalArgumentException.class);
    }
}
