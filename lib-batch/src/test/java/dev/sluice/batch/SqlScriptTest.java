package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void statementsAreSplitAtSemicolonsOutsideQuotesAndComments() {
        SqlScript script = SqlScript.parse("q.sql", """
                -- a comment; with a semicolon
                create table per_minute with (topic = 'views-per-minute') as
                  select window(ts, '1 minute') as w, count(*) as n from clicks where url <> 'a;b' group by window(ts, '1 minute');
                /* another; */ CREATE STREAM slow AS SELECT `id;x` FROM clicks
                """);
        assertThat(script.statements()).hasSize(2);
        SqlStatement table = script.statements().get(0);
        assertThat(table.kind()).isEqualTo(SqlStatement.Kind.TABLE);
        assertThat(table.name()).isEqualTo("per_minute");
        assertThat(table.topic()).isEqualTo("views-per-minute");
        assertThat(table.select()).startsWith("select window(ts").endsWith("group by window(ts, '1 minute')");
        assertThat(table.where()).isEqualTo("q.sql statement 1 (line 3, column 3)");
        assertThat(table.line()).isEqualTo(3);
        SqlStatement stream = script.statements().get(1);
        assertThat(stream.kind()).isEqualTo(SqlStatement.Kind.STREAM);
        assertThat(stream.topic()).isEqualTo("slow");
        assertThat(stream.select()).isEqualTo("SELECT `id;x` FROM clicks");
        assertThat(stream.where()).isEqualTo("q.sql statement 2 (line 4, column 38)");
    }

    @Test
    void whatTheGrammarDoesNotHoldIsRefusedNamingTheStatementAndPosition() {
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "CREATE STREAM a AS SELECT 1 FROM s;\n  INSERT INTO a SELECT 1"))
                .isInstanceOf(SqlScriptException.class)
                .hasMessage("q.sql statement 2 (line 2, column 3): a statement must be CREATE STREAM <name> AS SELECT ... or CREATE TABLE <name> AS SELECT ...; found 'INSERT'");
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "CREATE VIEW v AS SELECT 1"))
                .hasMessage("q.sql statement 1 (line 1, column 8): expected STREAM or TABLE after CREATE, found 'VIEW'");
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "CREATE STREAM IF NOT EXISTS s AS SELECT 1"))
                .hasMessageContaining("column 15): expected the stream's name after CREATE STREAM, found 'IF' (IF NOT EXISTS is not needed");
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "CREATE STREAM s WITH (KAFKA_TOPIC = 'x', VALUE_FORMAT = 'AVRO')"))
                .hasMessage("q.sql statement 1 (line 1, column 23): unknown option KAFKA_TOPIC (the one option is topic)");
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "CREATE TABLE t SELECT 1"))
                .hasMessage("q.sql statement 1 (line 1, column 16): expected AS SELECT ... after CREATE TABLE t, found 'SELECT'");
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "CREATE TABLE t AS WITH x AS (SELECT 1) SELECT * FROM x"))
                .hasMessage("q.sql statement 1 (line 1, column 19): expected a SELECT after AS, found 'WITH'");
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "CREATE STREAM a AS SELECT 1 FROM s; CREATE STREAM A AS SELECT 2 FROM s"))
                .hasMessage("q.sql statement 2 (line 1, column 56) (STREAM A): the name A is used by an earlier statement");
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "-- nothing\n"))
                .hasMessage("q.sql: no statement");
        assertThatThrownBy(() -> SqlScript.parse("q.sql", "CREATE STREAM a AS SELECT 1 /* open"))
                .hasMessage("q.sql line 1, column 29: a /* comment is never closed");
    }
}
