package dev.sluice.batch;

import dev.sluice.api.Require;
import java.util.List;
import org.apache.avro.Schema;

/**
 * What one statement of a {@link StreamingSql} writes, known before it starts: what a serving
 * table over its topic is derived from (a Pinot upsert table keyed by {@link #keyColumns}, an index
 * whose documents are named by the record key).
 *
 * @param statement  the statement's name
 * @param kind       TABLE (an upsert changelog: each record the latest row of its key) or STREAM (appended rows)
 * @param topic      the Kafka topic written
 * @param schema     the Avro record of each value (a window {@code w} as {@code w_start} and {@code w_end}, timestamp-millis)
 * @param keyColumns for a TABLE, the fields whose values make the record key, in the key's order (the
 *                   group keys, a window by its start); empty for a STREAM, whose records have no key
 */
public record SqlOutput(String statement, SqlStatement.Kind kind, String topic, Schema schema, List<String> keyColumns) {

    public SqlOutput {
        Require.nonBlank(statement, "statement");
        Require.nonNull(kind, "kind");
        Require.nonBlank(topic, "topic");
        Require.nonNull(schema, "schema");
        keyColumns = List.copyOf(Require.nonNull(keyColumns, "keyColumns"));
    }
}
