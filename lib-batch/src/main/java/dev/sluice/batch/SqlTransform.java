package dev.sluice.batch;

import dev.sluice.api.Require;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Spark SQL statement over a job's records (where the seed pipeline used ksqlDB-style SQL):
 * the records are the temporary view {@code view} and the statement's result replaces them. In a
 * {@link BatchJob} it runs after the transforms, before the write; in a {@link StreamingJob} the
 * view is a streaming one and the statement must be one Structured Streaming can run
 * incrementally (projections, filters, joins with static tables; aggregations need a watermark
 * and an output mode the file sink supports, which is append only).
 *
 * @param sql  the statement, for example {@code SELECT dt, country, count(*) AS clicks FROM records GROUP BY dt, country}
 * @param view the name the records have in it
 */
public record SqlTransform(String sql, String view) implements Serializable {

    public SqlTransform {
        Require.nonBlank(sql, "sql");
        Require.nonBlank(view, "view");
        if (!view.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("view must be an identifier, got '" + view + "'");
        }
    }

    /** The statement over the view {@code records}. */
    public static SqlTransform of(String sql) {
        return new SqlTransform(sql, "records");
    }

    Dataset<Row> apply(Dataset<Row> records) {
        records.createOrReplaceTempView(view);
        return records.sparkSession().sql(sql);
    }
}
