package dev.sluice.batch;

import dev.sluice.api.Require;
import java.io.Serializable;

/**
 * One continuous query of a {@link SqlScript}: {@code CREATE STREAM|TABLE name [WITH (topic = '...')] AS SELECT ...}.
 *
 * @param number the statement's place in its script, from 1
 * @param kind   {@link Kind#STREAM} (appends every row) or {@link Kind#TABLE} (an aggregation: an upsert changelog)
 * @param name   the query's name; later statements may read a STREAM by it
 * @param topic  the Kafka topic written (the {@code topic} option; the name when absent)
 * @param select the SELECT, Spark SQL, as written
 * @param where  where the SELECT starts in the script, for messages: {@code <origin> statement N (line L, column C)}
 * @param line   the SELECT's first line in the script, from 1 (to place Spark's own error positions)
 */
public record SqlStatement(int number, Kind kind, String name, String topic, String select, String where, int line)
        implements Serializable {

    /** What a statement writes. */
    public enum Kind {
        /** Every row the SELECT produces, appended; no aggregation. */
        STREAM,
        /** The latest row per group key (and window), as an upsert changelog keyed by the group key. */
        TABLE
    }

    public SqlStatement {
        Require.atLeast(number, 1, "number");
        Require.nonNull(kind, "kind");
        Require.nonBlank(name, "name");
        Require.nonBlank(topic, "topic");
        Require.nonBlank(select, "select");
        Require.nonBlank(where, "where");
        Require.atLeast(line, 1, "line");
    }

    /** An error about this statement, naming it and where it is. */
    SqlScriptException error(String what) {
        return new SqlScriptException(where + " (" + kind + " " + name + "): " + what);
    }
}
