package dev.sluice.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.codec.AvroCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.DataException;
import dev.sluice.api.testing.Order;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class JsonAvroConverterTest {

    private final JsonAvroConverter orders = new JsonAvroConverter(Order.getClassSchema());

    private static final String GOOD = """
            {"id": "o-1", "customer": "c-1", "status": "PAID",
             "items": [{"sku": "a", "price": 9.5, "quantity": 2}, {"sku": "b", "price": 1, "quantity": 1}],
             "createdAt": "2026-11-24T07:00:00Z", "unknownField": true}
            """;

    @Test
    void convertsPlainJsonIncludingDefaultsEnumsAndIsoTimestamps() {
        GenericRecord r = orders.convert(GOOD);
        assertThat(r.get("id")).isEqualTo("o-1");
        assertThat(r.get("status").toString()).isEqualTo("PAID");
        assertThat(r.get("createdAt")).isEqualTo(1_795_503_600_000L);
        assertThat(r.get("note")).isNull();
        assertThat(((List<?>) r.get("items"))).hasSize(2);
        assertThat(((GenericRecord) ((List<?>) r.get("items")).get(1)).get("price")).isEqualTo(1.0);
        // The result is a valid record of the schema: the specific codec can write what it read.
        assertThat(AvroCodec.generic(Order.getClassSchema()).encode(r)).isNotEmpty();
    }

    @Test
    void aWrongTypeNamesTheFieldPath() {
        String json = """
                {"id": "o-1", "customer": "c-1", "status": "PAID", "createdAt": 0,
                 "items": [{"sku": "a", "price": 1.0, "quantity": 1}, {"sku": "b", "price": 2.0, "quantity": 1},
                           {"sku": "c", "price": "abc", "quantity": 1}]}
                """;
        assertThatThrownBy(() -> orders.convert(json)).isInstanceOf(JsonConversionException.class)
                .hasMessage("$.items[2].price: expected double, got \"abc\"");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String json = """
                {"customer": 5, "status": "LOST", "items": {}, "createdAt": "yesterday", "note": 3}
                """;
        JsonConversionException e = (JsonConversionException) org.assertj.core.api.Assertions.catchThrowable(() -> orders.convert(json));
        assertThat(e.errors()).extracting(JsonConversionException.FieldError::toString).containsExactly(
                "$.id: required field is missing",
                "$.customer: expected string, got 5",
                "$.status: expected one of [NEW, PAID, SHIPPED], got \"LOST\"",
                "$.items: expected array, got an object",
                "$.createdAt: expected timestamp-millis, got \"yesterday\" (Text 'yesterday' could not be parsed at index 0)",
                "$.note: expected string, got 3");
    }

    @Test
    void integersAreCheckedForRangeAndFractions() {
        Schema s = SchemaBuilder.record("N").fields().requiredInt("i").requiredLong("l").endRecord();
        JsonAvroConverter c = new JsonAvroConverter(s);
        assertThatThrownBy(() -> c.convert("{\"i\": 3000000000, \"l\": 1}")).hasMessage("$.i: expected int, got 3000000000 (out of int range)");
        assertThatThrownBy(() -> c.convert("{\"i\": 1.5, \"l\": 1}")).hasMessage("$.i: expected int, got 1.5");
        assertThat(c.convert("{\"i\": 7, \"l\": 9007199254740993}").get("l")).isEqualTo(9007199254740993L);
    }

    @Test
    void decimalsKeepTheirScaleAndRefuseRounding() {
        Schema dec = LogicalTypes.decimal(9, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema s = SchemaBuilder.record("P").fields().name("amount").type(dec).noDefault().endRecord();
        JsonAvroConverter c = new JsonAvroConverter(s);
        ByteBuffer b = (ByteBuffer) c.convert("{\"amount\": \"12.50\"}").get("amount");
        assertThat(new Conversions.DecimalConversion().fromBytes(b, dec, dec.getLogicalType())).isEqualTo(new BigDecimal("12.50"));
        assertThatThrownBy(() -> c.convert("{\"amount\": 1.005}")).hasMessageStartingWith("$.amount: expected decimal, got 1.005");
    }

    @Test
    void unionsTakeTheFirstBranchThatFits() {
        Schema s = SchemaBuilder.record("U").fields().name("v").type().unionOf().nullType().and().longType().and().stringType().endUnion()
                .nullDefault().endRecord();
        JsonAvroConverter c = new JsonAvroConverter(s);
        assertThat(c.convert("{\"v\": 5}").get("v")).isEqualTo(5L);
        assertThat(c.convert("{\"v\": \"five\"}").get("v")).isEqualTo("five");
        assertThat(c.convert("{}").get("v")).isNull();
        assertThatThrownBy(() -> c.convert("{\"v\": true}")).hasMessage("$.v: expected one of [null, long, string], got true");
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> orders.convert("{\n  \"id\": \"o-1\",\n  \"customer\": oops\n}")).isInstanceOf(DataException.class)
                .hasMessageStartingWith("invalid JSON at line 3, column");
    }

    @Test
    void aStreamedObjectGivesTheRecordAndTheErrorsOfItsTree() throws Exception {
        sameAsTree(orders, List.of(GOOD,
                // fields out of the schema's order, an unknown nested value, a repeated name (the last one counts)
                """
                {"createdAt": 5, "extra": {"deep": [1, {"x": null}]}, "status": "NEW", "customer": "c", "id": "a", "id": "b", "items": []}
                """,
                """
                {"customer": 5, "status": "LOST", "items": {}, "createdAt": "yesterday", "note": 3}
                """,
                """
                {"id": null, "customer": "c", "status": "PAID", "items": [{"sku": "a", "price": 1e400, "quantity": 12345678901}], "createdAt": 1.5}
                """));
        // Every type whose value may come straight from its token, with the tokens that must not.
        Schema plain = SchemaBuilder.record("Plain").fields().requiredString("s").requiredInt("i").requiredLong("l").requiredDouble("d")
                .requiredBoolean("b").optionalLong("ol").name("lo").type().unionOf().longType().and().nullType().endUnion().longDefault(7)
                .name("t").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .requiredFloat("f").endRecord();
        sameAsTree(new JsonAvroConverter(plain), List.of(
                "{\"s\": \"x\", \"i\": -5, \"l\": 9007199254740993, \"d\": 2.5, \"b\": true, \"ol\": 3, \"lo\": 4, \"t\": 1795500000000, \"f\": 1.1}",
                "{\"s\": \"x\", \"i\": 1, \"l\": 2, \"d\": 3, \"b\": false, \"ol\": null, \"lo\": null, \"t\": \"2026-11-24T07:00:00Z\", \"f\": 2}",
                "{\"s\": 1, \"i\": 3000000000, \"l\": 99999999999999999999, \"d\": \"2.5\", \"b\": 0, \"ol\": 1.5, \"lo\": \"4\", \"t\": 1.5, \"f\": 1e39}",
                "{\"s\": null, \"i\": 1.0, \"l\": 1e3, \"d\": null, \"b\": \"true\", \"t\": null}",
                "{\"s\": \"a\", \"s\": 5, \"i\": 2, \"i\": \"two\", \"l\": \"x\", \"l\": 3, \"d\": 1.5, \"b\": true, \"t\": 0, \"f\": 0.1}"));
    }

    @Test
    void aStreamedObjectAgreesWithItsTreeOnOptionalStringsExponentsEnumsUuidsAndDates() throws Exception {
        Schema uuid = LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
        Schema date = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        Schema more = SchemaBuilder.record("More").fields().optionalString("os").requiredDouble("d")
                .name("e").type().enumeration("E").symbols("A", "B").noDefault()
                .name("u").type(uuid).noDefault().name("day").type(date).noDefault().endRecord();
        JsonAvroConverter converter = new JsonAvroConverter(more);
        String valid = "{\"os\": \"x\", \"d\": 1e3, \"e\": \"A\", \"u\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"day\": 19000}";
        sameAsTree(converter, List.of(valid,
                "{\"os\": null, \"d\": -1E-2, \"e\": \"C\", \"u\": \"not-a-uuid\", \"day\": \"2026-11-24\"}",
                "{\"os\": 5, \"d\": \"1e3\", \"e\": 1, \"u\": 7, \"day\": 1.5}",
                "{\"d\": 2, \"e\": null, \"day\": 3000000000}"));
        GenericRecord r = converter.convert(valid); // the first document converts: the comparison above is not of two failures only
        assertThat(r.get("os")).isEqualTo("x");
        assertThat(r.get("d")).isEqualTo(1000.0);
        assertThat(r.get("day")).isEqualTo(19000);
    }

    @Test
    void anEmptyDocumentIsNamedAsNothing() {
        assertThatThrownBy(() -> orders.convert(" \n")).isInstanceOf(JsonConversionException.class)
                .hasMessage("$: expected object (Order), got nothing");
    }

    private static void sameAsTree(JsonAvroConverter converter, List<String> docs) throws Exception {
        ObjectMapper trees = new ObjectMapper();
        for (String doc : docs) {
            Object fromTree = outcome(() -> converter.convert(trees.readTree(doc)));
            try (JsonParser p = trees.getFactory().createParser(doc)) {
                p.nextToken();
                Object streamed = outcome(() -> converter.convert(p));
                assertThat(streamed).as(doc).isEqualTo(fromTree);
                assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                assertThat(p.nextToken()).isNull();
            }
        }
    }

    @Test
    void aStreamedObjectThatDoesNotConvertLeavesTheParserAtItsEnd() throws Exception {
        String two = "[{\"id\": 1, \"items\": [{\"sku\": []}]}, " + GOOD + "]";
        try (JsonParser p = new ObjectMapper().getFactory().createParser(two)) {
            p.nextToken();
            p.nextToken();
            assertThatThrownBy(() -> orders.convert(p)).isInstanceOf(JsonConversionException.class).hasMessageContaining("$.id: expected string, got 1");
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(orders.convert(p).get("id")).isEqualTo("o-1");
        }
    }

    private interface Conversion {
        GenericRecord run() throws Exception;
    }

    /** The record, or the errors' text: what the two ways of converting must agree on. */
    private static Object outcome(Conversion c) throws Exception {
        try {
            return c.run();
        } catch (JsonConversionException e) {
            return e.errors().stream().map(Object::toString).toList();
        }
    }

    @Test
    void onlyRecordSchemasAreAccepted() {
        assertThatThrownBy(() -> new JsonAvroConverter(Schema.create(Schema.Type.STRING))).hasMessage("schema must be a record, got STRING");
    }
}
