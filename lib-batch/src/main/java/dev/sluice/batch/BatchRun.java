package dev.sluice.batch;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a {@link BatchJob} on a Spark session: read, transform partition by partition, the SQL step, write. */
final class BatchRun {

    private static final Logger log = LoggerFactory.getLogger(BatchRun.class);

    private BatchRun() {}

    static BatchResult run(BatchJob job, SparkSession spark) {
        long t0 = System.nanoTime();
        String run = Instant.now().toString().replace(':', '-');
        LongAccumulator in = spark.sparkContext().longAccumulator(job.name() + ".in");
        LongAccumulator out = spark.sparkContext().longAccumulator(job.name() + ".out");
        LongAccumulator failed = spark.sparkContext().longAccumulator(job.name() + ".failed");
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        Dataset<Row> records = transformed(spark, job, new TransformPartitions(job, conf, run, in, out, failed));
        write(job.sql() == null ? records : job.sql().apply(records), job.output());
        BatchResult result = new BatchResult(in.value(), out.value(), failed.value());
        log.info("batch job {}: {} in, {} out, {} failed{}, in {} ms", job.name(), result.in(), result.out(), result.failed(),
                result.failed() > 0 ? " (see " + job.errorsPath() + "/run=" + run + ")" : "", (System.nanoTime() - t0) / 1_000_000);
        return result;
    }

    /**
     * The input's columns in the input schema's order and types (by name; a column Spark can cast
     * is cast, a missing one fails naming it), through the transforms as internal rows, back as a
     * DataFrame of the output schema's type.
     */
    private static Dataset<Row> transformed(SparkSession spark, BatchJob job, TransformPartitions partitions) {
        StructType inType = RowAvro.sqlType(job.inputSchema());
        Column[] columns = Arrays.stream(inType.fields()).map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new);
        Dataset<Row> input = job.input().read(spark).select(columns);
        return SparkInternalRows.toDataFrame(spark, SparkInternalRows.of(input).mapPartitions(partitions), RowAvro.sqlType(job.outputSchema()));
    }

    private static void write(Dataset<Row> rows, BatchOutput output) {
        if (output instanceof BatchOutput.IcebergTable iceberg) {
            writeIceberg(rows, iceberg.table(), output.partitionBy());
            return;
        }
        String path = ((BatchOutput.ParquetFiles) output).path();
        String[] partitionBy = output.partitionBy().toArray(String[]::new);
        if (path.startsWith("s3a://")) {
            // The S3A partitioned committer (S3Lake) replaces the partitions written; Append keeps Spark from deleting the table first.
            rows.write().mode(SaveMode.Append).partitionBy(partitionBy).parquet(path);
        } else {
            rows.write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic").partitionBy(partitionBy).parquet(path);
        }
    }

    private static void writeIceberg(Dataset<Row> rows, String table, List<String> partitionBy) {
        try {
            if (rows.sparkSession().catalog().tableExists(table)) {
                rows.writeTo(table).overwritePartitions(); // dynamic partition overwrite, one atomic commit
            } else {
                Column[] parts = partitionBy.stream().map(functions::col).toArray(Column[]::new);
                var writer = rows.writeTo(table).using("iceberg");
                (parts.length == 0 ? writer : writer.partitionedBy(parts[0], Arrays.copyOfRange(parts, 1, parts.length))).create();
            }
        } catch (NoSuchTableException | TableAlreadyExistsException e) {
            throw new IllegalStateException("writing Iceberg table " + table + ": " + e.getMessage(), e);
        }
    }
}
