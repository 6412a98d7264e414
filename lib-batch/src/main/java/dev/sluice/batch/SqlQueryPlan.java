package dev.sluice.batch;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A statement checked against the streams and ready to start: its streaming rows, the Avro record
 * it writes and, for a TABLE, the key columns (the group keys, a window by its start).
 *
 * @param statement  the statement
 * @param rows       the SELECT's streaming Dataset
 * @param output     the record written
 * @param keyColumns the output fields that key each row (empty for a STREAM)
 */
record SqlQueryPlan(SqlStatement statement, Dataset<Row> rows, SqlOutputSchema output, List<String> keyColumns) {

    /** Checks the shape {@code rows} has against what the statement's kind needs, and derives the output. */
    static SqlQueryPlan of(SqlStatement statement, Dataset<Row> rows) {
        if (!rows.isStreaming()) {
            throw statement.error("the SELECT reads no stream (only static data): a continuous query needs one");
        }
        Aggregate aggregate = firstAggregate(rows.queryExecution().analyzed());
        SqlOutputSchema output = SqlOutputSchema.of(statement, rows.schema());
        if (statement.kind() == SqlStatement.Kind.STREAM) {
            if (aggregate != null) {
                throw statement.error("a STREAM appends rows; an aggregation (GROUP BY, count, sum...) updates them: write CREATE TABLE");
            }
            return new SqlQueryPlan(statement, rows, output, List.of());
        }
        if (aggregate == null) {
            throw statement.error("a TABLE is an aggregation (GROUP BY); a query without one is a STREAM: write CREATE STREAM");
        }
        List<String> keys = new ArrayList<>();
        for (NamedExpression e : CollectionConverters.asJava(aggregate.aggregateExpressions())) {
            if (!containsAggregate((Expression) e) && rows.schema().getFieldIndex(e.name()).isDefined()) {
                keys.add(output.windows().contains(e.name()) ? e.name() + "_start" : e.name());
            }
        }
        return new SqlQueryPlan(statement, rows, output, List.copyOf(keys));
    }

    /** The aggregation nearest the top (under projections, HAVING filters and ORDER BY), or null. */
    private static Aggregate firstAggregate(LogicalPlan plan) {
        if (plan instanceof Aggregate a) {
            return a;
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            Aggregate a = firstAggregate(child);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private static boolean containsAggregate(Expression e) {
        if (e instanceof AggregateExpression) {
            return true;
        }
        for (Expression child : CollectionConverters.asJava(e.children())) {
            if (containsAggregate(child)) {
                return true;
            }
        }
        return false;
    }
}
