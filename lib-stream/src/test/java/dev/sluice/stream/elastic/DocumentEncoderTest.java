package dev.sluice.stream.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.stream.io.GrowableBytes;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class DocumentEncoderTest {

    @Test
    void aRecordBecomesPlainJsonInTheShapeOfItsMapping() {
        GenericRecord r = new GenericData.Record(ElasticMappingTest.EVENT);
        r.put("id", "5f0c6a3e-7c1b-4f6e-9a1e-0d6f3f1b2c3d");
        r.put("title", new Utf8("Grüße \"quoted\""));
        r.put("country", null);
        r.put("count", 3);
        r.put("total", 4_000_000_000L);
        r.put("ratio", 0.5f);
        r.put("score", 1.25);
        r.put("ok", true);
        r.put("at", Instant.parse("2026-12-01T10:15:30.123456Z").getEpochSecond() * 1_000_000L + 123_456L);
        r.put("day", (int) LocalDate.parse("2026-12-01").toEpochDay());
        var price = ElasticMappingTest.EVENT.getField("price").schema();
        r.put("price", new Conversions.DecimalConversion().toBytes(new BigDecimal("12.34"), price, LogicalTypes.decimal(9, 2)));
        r.put("blob", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
        r.put("kind", new GenericData.EnumSymbol(ElasticMappingTest.EVENT.getField("kind").schema(), "B"));
        r.put("tags", List.of("a", "b"));
        r.put("attrs", Map.of("k", "v"));
        r.put("either", 7L);
        GenericRecord address = new GenericData.Record(ElasticMappingTest.EVENT.getField("address").schema());
        address.put("street", "Main St");
        address.put("since", Instant.parse("2020-01-02T03:04:05Z").toEpochMilli());
        r.put("address", address);
        GrowableBytes out = new GrowableBytes(64);

        new DocumentEncoder().write(r, out);

        assertThat(new String(out.array(), 0, out.size(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":\"5f0c6a3e-7c1b-4f6e-9a1e-0d6f3f1b2c3d\",\"title\":\"Grüße \\\"quoted\\\"\",\"count\":3,\"total\":4000000000,"
                + "\"ratio\":0.5,\"score\":1.25,\"ok\":true,\"at\":\"2026-12-01T10:15:30.123456Z\",\"day\":\"2026-12-01\",\"price\":12.34,"
                + "\"blob\":\"aGk=\",\"kind\":\"B\",\"tags\":[\"a\",\"b\"],\"attrs\":{\"k\":\"v\"},\"either\":7,"
                + "\"address\":{\"street\":\"Main St\",\"since\":\"2020-01-02T03:04:05Z\"}}");
    }

    @Test
    void anActionLineNamesIndexAndIdAndLeavesTheIdToTheClusterWhenThereIsNone() {
        GrowableBytes out = new GrowableBytes(64);
        DocumentEncoder encoder = new DocumentEncoder();

        encoder.writeAction("delete", "clicks", "k\"1", out);
        out.write('\n');
        encoder.writeAction("index", "clicks", null, out);

        assertThat(new String(out.array(), 0, out.size(), StandardCharsets.UTF_8))
                .isEqualTo("{\"delete\":{\"_index\":\"clicks\",\"_id\":\"k\\\"1\"}}\n{\"index\":{\"_index\":\"clicks\"}}");
    }
}
