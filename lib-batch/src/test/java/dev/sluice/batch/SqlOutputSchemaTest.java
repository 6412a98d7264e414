package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SqlOutputSchemaTest {

    private static final SqlStatement TABLE = new SqlStatement(1, SqlStatement.Kind.TABLE, "per_minute", "per-minute", "SELECT 1",
            "q.sql statement 1 (line 1, column 1)", 1);

    @Test
    void aWindowBecomesItsStartAndEndAndNullableColumnsUnionsWithNull() {
        StructType window = new StructType().add("start", DataTypes.TimestampType).add("end", DataTypes.TimestampType);
        SqlOutputSchema out = SqlOutputSchema.of(TABLE, new StructType().add("w", window, true).add("country", DataTypes.StringType, false)
                .add("views", DataTypes.LongType, false).add("duration_ms", DataTypes.LongType, true)
                .add("ratio", DataTypes.createDecimalType(10, 2), true));
        Schema s = out.schema();
        assertThat(s.getFields()).extracting(Schema.Field::name).containsExactly("w_start", "w_end", "country", "views", "duration_ms", "ratio");
        assertThat(s.getField("w_start").schema().getTypes().get(1).getLogicalType().getName()).isEqualTo("timestamp-millis");
        assertThat(s.getField("views").schema().getType()).isEqualTo(Schema.Type.LONG);
        assertThat(s.getField("duration_ms").schema().isNullable()).isTrue();
        assertThat(s.getField("ratio").schema().getTypes().get(1).getLogicalType().getName()).isEqualTo("decimal");
        assertThat(out.windows()).containsExactly("w");
        assertThat(out.columns()).hasSize(6);
    }

    @Test
    void aColumnWithoutANameOrOfATypeTheOutputCannotHoldIsNamed() {
        assertThatThrownBy(() -> SqlOutputSchema.of(TABLE, new StructType().add("count(1)", DataTypes.LongType)))
                .isInstanceOf(SqlScriptException.class)
                .hasMessage("q.sql statement 1 (line 1, column 1) (TABLE per_minute): the column 'count(1)' needs a name that is an identifier: add AS <name>");
        assertThatThrownBy(() -> SqlOutputSchema.of(TABLE, new StructType().add("pages", DataTypes.createArrayType(DataTypes.StringType))))
                .hasMessageContaining("the column pages is a array<string>, which the output cannot hold");
    }
}
