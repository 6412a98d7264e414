package dev.sluice.catalog.pinot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.catalog.ThreeStagePipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinotSchemasTest {

    @Test
    void fieldsBecomeDimensionsMetricsAndTheDateTimeField() {
        JsonNode s = PinotSchemas.of(PinotTableSpec.of("clicks", ThreeStagePipeline.CLICK, "ts").withMetrics("durationMs"));
        assertThat(s.get("schemaName").asText()).isEqualTo("clicks");
        assertThat(s.get("dimensionFieldSpecs").toString()).isEqualTo("[{\"name\":\"userId\",\"dataType\":\"STRING\"},"
                + "{\"name\":\"page\",\"dataType\":\"STRING\"},{\"name\":\"device\",\"dataType\":\"JSON\"},"
                + "{\"name\":\"tags\",\"dataType\":\"STRING\",\"singleValueField\":false}]");
        assertThat(s.get("metricFieldSpecs").toString()).isEqualTo("[{\"name\":\"durationMs\",\"dataType\":\"LONG\"}]");
        assertThat(s.get("dateTimeFieldSpecs").toString()).isEqualTo("[{\"name\":\"ts\",\"dataType\":\"LONG\","
                + "\"format\":\"1:MILLISECONDS:EPOCH\",\"granularity\":\"1:MILLISECONDS\"}]");
    }

    @Test
    void aDateTimeFieldIsCountedInDays() {
        JsonNode s = PinotSchemas.of(PinotTableSpec.of("daily", ThreeStagePipeline.DAILY, "day").withMetrics("views", "totalDurationMs"));
        assertThat(s.at("/dateTimeFieldSpecs/0/format").asText()).isEqualTo("1:DAYS:EPOCH");
        assertThat(s.at("/dateTimeFieldSpecs/0/dataType").asText()).isEqualTo("INT");
    }

    @Test
    void rowsFromSluicesParquetCountMicroseconds() {
        JsonNode s = PinotSchemas.of(PinotTableSpec.of("clicks", ThreeStagePipeline.CLICK, "ts").withParquetTimestamps());
        assertThat(s.at("/dateTimeFieldSpecs/0/format").asText()).isEqualTo("1:MICROSECONDS:EPOCH");
    }

    @Test
    void mistakesNameTheField() {
        assertThatThrownBy(() -> PinotSchemas.of(PinotTableSpec.of("c", ThreeStagePipeline.CLICK, "ts").withMetrics("page")))
                .hasMessageContaining("metric \"page\" must be numeric");
        assertThatThrownBy(() -> PinotTableSpec.of("c", ThreeStagePipeline.CLICK, "when"))
                .hasMessageContaining("time field \"when\" is not a field of dev.sluice.demo.ClickEvent");
        assertThatThrownBy(() -> PinotSchemas.of(PinotTableSpec.of("c", ThreeStagePipeline.CLICK, "page")))
                .hasMessageContaining("time field \"page\" must be a timestamp");
    }

    @Test
    void theRealtimeTableDecodesThePinotFacingTopicAsPlainAvro() {
        JsonNode t = PinotTableConfigs.realtime(PinotTableSpec.of("clicks", ThreeStagePipeline.CLICK, "ts"),
                PinotStream.avro("clicks-pinot", "kafka:9092"));
        JsonNode streams = t.at("/tableIndexConfig/streamConfigs");
        assertThat(streams.get("stream.kafka.decoder.class.name").asText()).isEqualTo("org.apache.pinot.plugin.inputformat.avro.SimpleAvroMessageDecoder");
        assertThat(streams.get("stream.kafka.decoder.prop.schema").asText()).isEqualTo(ThreeStagePipeline.CLICK.toString());
        assertThat(t.get("tableType").asText()).isEqualTo("REALTIME");
    }

    @Test
    void anUpsertTableNamesItsPrimaryKeyAndRoutesEachPartitionToOneReplicaGroup() {
        PinotTableSpec spec = PinotTableSpec.of("clicks", ThreeStagePipeline.CLICK, "ts").withUpsert(List.of("ts", "userId"));
        assertThat(PinotSchemas.of(spec).get("primaryKeyColumns").toString()).isEqualTo("[\"ts\",\"userId\"]");
        JsonNode t = PinotTableConfigs.realtime(spec, PinotStream.avro("clicks-pinot", "kafka:9092"));
        assertThat(t.at("/upsertConfig/mode").asText()).isEqualTo("FULL");
        assertThat(t.at("/routing/instanceSelectorType").asText()).isEqualTo("strictReplicaGroup");
        assertThat(PinotSchemas.of(PinotTableSpec.of("clicks", ThreeStagePipeline.CLICK, "ts")).has("primaryKeyColumns")).isFalse();
    }

    @Test
    void anUpsertKeyMustBeFieldsThatAreNotMetricsAndCannotMakeAnOfflineTable() {
        PinotTableSpec spec = PinotTableSpec.of("c", ThreeStagePipeline.CLICK, "ts").withMetrics("durationMs");
        assertThatThrownBy(() -> spec.withUpsert(List.of("user")))
                .hasMessageContaining("primary key column \"user\" is not a field of dev.sluice.demo.ClickEvent");
        assertThatThrownBy(() -> spec.withUpsert(List.of("durationMs"))).hasMessageContaining("\"durationMs\" is also a metric");
        assertThatThrownBy(() -> PinotTableConfigs.offline(spec.withUpsert(List.of("userId"))))
                .hasMessageContaining("Pinot upserts only in REALTIME tables");
    }
}
