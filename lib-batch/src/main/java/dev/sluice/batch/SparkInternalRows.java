package dev.sluice.batch;

import dev.sluice.api.annotation.Internal;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * The one place Sluice reaches below Spark's public API: a DataFrame's rows as Spark's internal
 * rows and back, so a task converts them straight to and from Avro with no external {@code Row}
 * on either side. Both need Spark's classic (non-Connect) session; a Spark Connect session fails
 * here with a ClassCastException.
 */
@Internal
public final class SparkInternalRows {

    private SparkInternalRows() {}

    /** The rows of {@code rows}' optimised plan, as Spark's tasks produce them. */
    public static JavaRDD<InternalRow> of(Dataset<Row> rows) {
        return ((org.apache.spark.sql.classic.Dataset<Row>) rows).queryExecution().toRdd().toJavaRDD();
    }

    /** A DataFrame of {@code type} over internal rows that already hold that type's values. */
    public static Dataset<Row> toDataFrame(SparkSession spark, JavaRDD<InternalRow> rows, StructType type) {
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), type, false);
    }
}
