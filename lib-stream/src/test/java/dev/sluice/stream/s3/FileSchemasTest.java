package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class FileSchemasTest {

    private final FileSchemas schemas = new FileSchemas();
    private final int v1 = schemas.id(Clicks.V1);
    private final int v2 = schemas.id(Clicks.V2);

    @Test
    void theSchemaWithTheAddedFieldWinsWhicheverCameFirst() {
        assertThat(schemas.choose(List.of(v1, v2))).isEqualTo(v2);
        assertThat(schemas.choose(List.of(v2, v1))).isEqualTo(v2);
    }

    @Test
    void equalSchemasShareAnIdEvenAsDistinctInstances() {
        assertThat(schemas.id(new Schema.Parser().parse(Clicks.V1.toString()))).isEqualTo(v1);
    }

    @Test
    void schemasThatCannotReadEachOtherCannotShareAFile() {
        Schema changedType = SchemaBuilder.record("Click").namespace("dev.sluice.test").fields()
                .requiredString("id").endRecord(); // id: long -> string, no resolution either way
        int v3 = schemas.id(changedType);
        assertThat(schemas.choose(List.of(v1, v3))).isEqualTo(-1);
        assertThat(schemas.incompatibility(v3, v1)).contains("id");
    }

    @Test
    void aFileAdmitsCompatibleSchemasAndRefusesAnIncompatibleOneWithoutChange() {
        FileBuffer file = new FileBuffer("", 0, false, new AtomicLong());
        assertThat(file.admits(v1, schemas)).isTrue();
        assertThat(file.admits(v2, schemas)).isTrue();
        assertThat(file.chosenSchema()).isEqualTo(v2);
        int v3 = schemas.id(SchemaBuilder.record("Click").namespace("dev.sluice.test").fields().requiredString("id").endRecord());
        assertThat(file.admits(v3, schemas)).isFalse();
        assertThat(file.chosenSchema()).isEqualTo(v2);
    }
}
