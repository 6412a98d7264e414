package dev.sluice.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.formats.JsonConversionException.FieldError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyParserTest {

    private final BodyParser parser = new BodyParser(Clicks.stream("clicks", "t"));

    private BodyParser.Parsed parse(BodyFormat f, String body) {
        return parser.parse(f, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneObjectBecomesOneRecord() {
        BodyParser.Parsed p = parse(BodyFormat.JSON, Clicks.json("a"));
        assertThat(p.rejected()).isEmpty();
        assertThat(p.records()).singleElement().satisfies(r -> {
            assertThat(r.get("id")).hasToString("a");
            assertThat(r.get("referrer")).isNull();
        });
    }

    @Test
    void anArrayKeepsItsValidRecordsAndNamesEveryProblemOfTheOthers() {
        BodyParser.Parsed p = parse(BodyFormat.JSON, "[" + Clicks.json("a") + "," + Clicks.invalidJson("b") + ",42," + Clicks.json("c") + "]");
        assertThat(p.records()).hasSize(4);
        assertThat(p.records().get(0)).isNotNull();
        assertThat(p.records().get(1)).isNull();
        assertThat(p.records().get(2)).isNull();
        assertThat(p.records().get(3)).isNotNull();
        assertThat(p.rejected()).extracting(Rejection::index).containsExactly(1, 2);
        assertThat(p.rejected().get(0).errors()).extracting(FieldError::path).containsExactlyInAnyOrder("$.user", "$.device.mobile");
        assertThat(p.rejected().get(1).errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("expected a JSON object"));
    }

    @Test
    void ndjsonRejectsOnlyTheBadLineAndNamesIt() {
        String body = Clicks.json("a") + "\n\n{\"id\": oops}\n" + Clicks.json("c") + "\r\n";
        BodyParser.Parsed p = parse(BodyFormat.NDJSON, body);
        assertThat(p.records()).hasSize(3);
        assertThat(p.rejected()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.errors().get(0).reason()).startsWith("invalid JSON on line 3, column");
        });
    }

    @Test
    void aBodyThatIsNotRecordsIsRefusedWithLineAndColumn() {
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "{\n\"id\": tru")).isInstanceOf(BodyParser.BadBody.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "\"text\"")).hasMessageContaining("got string");
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "[]")).hasMessageContaining("empty array");
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "")).hasMessageContaining("empty body");
        assertThatThrownBy(() -> parse(BodyFormat.NDJSON, "\n \n")).hasMessageContaining("empty body");
    }

    @Test
    void contentAfterTheBodysValueRefusesTheBodyOrTheLine() {
        assertThatThrownBy(() -> parse(BodyFormat.JSON, Clicks.json("a") + "\n {}")).isInstanceOf(BodyParser.BadBody.class)
                .hasMessage("invalid JSON at line 2, column 2: content after the body's object");
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "[" + Clicks.json("a") + "] x")).isInstanceOf(BodyParser.BadBody.class)
                .hasMessageStartingWith("invalid JSON at line 1, column");
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "[" + Clicks.json("a") + "]\n[1]")).isInstanceOf(BodyParser.BadBody.class)
                .hasMessage("invalid JSON at line 2, column 1: content after the body's array");
        // Malformed JSON is named as such before what the body holds is judged.
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "[] x")).hasMessageStartingWith("invalid JSON at line 1, column").hasMessageContaining("'x'");
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "5 6")).hasMessage("invalid JSON at line 1, column 3: content after the body's number");
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "\"a\\q\"")).hasMessageStartingWith("invalid JSON at line 1, column")
                .hasMessageContaining("escape");
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "5 ")).hasMessage("expected a JSON object or an array of objects, got number");
        BodyParser.Parsed p = parse(BodyFormat.NDJSON, Clicks.json("a") + " 7\n" + Clicks.json("b"));
        assertThat(p.records()).hasSize(2);
        assertThat(p.records().get(1)).isNotNull();
        assertThat(p.rejected()).singleElement().satisfies(r -> assertThat(r.errors().get(0).reason())
                .startsWith("invalid JSON on line 1, column").endsWith("content after the line's value"));
    }

    @Test
    void elementsThatAreNotObjectsAreSkippedWholeAndTheNextStillRead() {
        BodyParser.Parsed p = parse(BodyFormat.JSON, "[[1, {\"id\": \"x\"}], {\"not\": \"it\"}, null, " + Clicks.json("c") + "]");
        assertThat(p.records()).hasSize(4);
        assertThat(p.records().get(3)).isNotNull().satisfies(r -> assertThat(r.get("id")).hasToString("c"));
        assertThat(p.rejected()).extracting(Rejection::index).containsExactly(0, 1, 2);
        assertThat(p.rejected().get(0).errors().get(0).reason()).isEqualTo("expected a JSON object, got array");
        assertThat(p.rejected().get(2).errors().get(0).reason()).isEqualTo("expected a JSON object, got null");
    }

    @Test
    void malformedJsonInALaterRecordRefusesTheWholeBody() {
        assertThatThrownBy(() -> parse(BodyFormat.JSON, "[" + Clicks.json("a") + ",\n{\"id\": }]")).isInstanceOf(BodyParser.BadBody.class)
                .hasMessageStartingWith("invalid JSON at line 2, column");
    }

    @Test
    void contentTypesMapToFormatsIgnoringParameters() {
        assertThat(BodyFormat.of("application/json; charset=utf-8")).isEqualTo(BodyFormat.JSON);
        assertThat(BodyFormat.of("Application/X-NDJSON")).isEqualTo(BodyFormat.NDJSON);
        assertThat(BodyFormat.of("application/vnd.confluent.avro")).isEqualTo(BodyFormat.AVRO);
        assertThat(BodyFormat.of("text/plain")).isNull();
        assertThat(BodyFormat.of(null)).isNull();
    }
}
