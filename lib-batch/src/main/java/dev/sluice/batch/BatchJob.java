package dev.sluice.batch;

import dev.sluice.api.Require;
import dev.sluice.api.Transform;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.graph.PipelineGraph;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark batch job over Sluice {@link Transform}s: reads a table (Parquet or Avro files, the S3
 * sink's output included), converts each row to an Avro record of {@code inputSchema}, runs the
 * transform chain partition by partition (the same classes the stream runtime runs), and writes
 * the output records as Hive-layout Parquet partitioned by {@code partitionBy}, in one pass (the
 * transforms run once per record; nothing is cached). Records the error policy dead-letters are
 * written by the tasks as Avro files under {@code errorsPath/run=<start time>/} (stage, reason,
 * input record, source); they appear as the tasks run, not at the job's commit. Counts come from
 * Spark accumulators: exact when no task was retried. Immutable; change it with the
 * {@code with*} methods.
 *
 * <p>Atomicity and reruns: on {@code s3a://} with {@link S3Lake}'s settings, the S3A partitioned
 * committer publishes each partition only when the job commits and, in {@code replace} mode,
 * replaces exactly the partitions the run wrote: rerunning one date replaces that date and leaves
 * the others. Elsewhere (a local path, HDFS) Spark's dynamic partition overwrite does the same.
 *
 * @param name         the job's name, in errors and positions
 * @param inputPath    where the input table is
 * @param inputFormat  {@code parquet} or {@code avro}
 * @param where        a Spark SQL filter on the input (one date, say); null for all
 * @param inputSchema  the Avro schema the transform reads; input columns are matched by name
 * @param transform    the transform chain (build it with {@link Transform#andThen})
 * @param outputSchema the Avro schema the transform emits
 * @param outputPath   where the output table goes: a path ({@code s3a://lake/curated/clicks}), or
 *                     an Iceberg table as {@code iceberg:<catalog>.<db>.<table>} (see
 *                     {@link IcebergCatalog}; created on the first run, partitioned by
 *                     {@code partitionBy}; each run replaces its partitions in one snapshot)
 * @param partitionBy  output columns that become {@code col=value/} directories
 * @param errorsPath   where failed records go
 * @param policies     the error policy (its transform stage decides)
 * @param sql          a SQL step over the transformed records before the write (an aggregation,
 *                     say); null for none. With one, the partition columns are the statement's
 */
public record BatchJob(String name, String inputPath, String inputFormat, String where, Schema inputSchema,
                       Transform<GenericRecord, GenericRecord> transform, Schema outputSchema, String outputPath,
                       List<String> partitionBy, String errorsPath, ErrorPolicies policies, SqlTransform sql) {

    private static final Logger log = LoggerFactory.getLogger(BatchJob.class);
    /** The prefix of an output that is an Iceberg table rather than a path. */
    public static final String ICEBERG = "iceberg:";

    public BatchJob {
        Require.nonBlank(name, "name");
        Require.nonBlank(inputPath, "inputPath");
        if (!List.of("parquet", "avro").contains(inputFormat)) {
            throw new IllegalArgumentException("inputFormat must be parquet or avro, got " + inputFormat);
        }
        Require.nonNull(inputSchema, "inputSchema");
        Require.nonNull(transform, "transform");
        Require.nonNull(outputSchema, "outputSchema");
        Require.nonBlank(outputPath, "outputPath");
        partitionBy = List.copyOf(Require.nonNull(partitionBy, "partitionBy"));
        for (String p : partitionBy) {
            if (sql == null && outputSchema.getField(p) == null) {
                throw new IllegalArgumentException("partition column '" + p + "' is not in the output schema " + outputSchema.getFullName());
            }
        }
        Require.nonBlank(errorsPath, "errorsPath");
        Require.nonNull(policies, "policies");
    }

    /** Parquet in, no filter, default error policies. */
    public static BatchJob of(String name, String inputPath, Schema inputSchema, Transform<GenericRecord, GenericRecord> transform,
                              Schema outputSchema, String outputPath, List<String> partitionBy, String errorsPath) {
        return new BatchJob(name, inputPath, "parquet", null, inputSchema, transform, outputSchema, outputPath, partitionBy, errorsPath,
                ErrorPolicies.defaults(), null);
    }

    public BatchJob withWhere(String filter) {
        return new BatchJob(name, inputPath, inputFormat, filter, inputSchema, transform, outputSchema, outputPath, partitionBy, errorsPath, policies, sql);
    }

    public BatchJob withInputFormat(String format) {
        return new BatchJob(name, inputPath, format, where, inputSchema, transform, outputSchema, outputPath, partitionBy, errorsPath, policies, sql);
    }

    public BatchJob withPolicies(ErrorPolicies p) {
        return new BatchJob(name, inputPath, inputFormat, where, inputSchema, transform, outputSchema, outputPath, partitionBy, errorsPath, p, sql);
    }

    /** Runs {@code step} over the transformed records before the write. */
    public BatchJob withSql(SqlTransform step) {
        return new BatchJob(name, inputPath, inputFormat, where, inputSchema, transform, outputSchema, outputPath, partitionBy, errorsPath,
                policies, step);
    }

    /** Runs the job on {@code spark} and answers its counts. */
    public BatchResult run(SparkSession spark) {
        long t0 = System.nanoTime();
        Dataset<Row> input = spark.read().format(inputFormat).load(inputPath);
        if (where != null) {
            input = input.where(where);
        }
        String run = Instant.now().toString().replace(':', '-');
        LongAccumulator in = spark.sparkContext().longAccumulator(name + ".in");
        LongAccumulator out = spark.sparkContext().longAccumulator(name + ".out");
        LongAccumulator failed = spark.sparkContext().longAccumulator(name + ".failed");
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        Dataset<Row> records = transformed(spark, input, new TransformPartitions(this, conf, run, in, out, failed));
        write(sql == null ? records : sql.apply(records), outputPath, partitionBy);
        BatchResult result = new BatchResult(in.value(), out.value(), failed.value());
        log.info("batch job {}: {} in, {} out, {} failed{}, in {} ms", name, result.in(), result.out(), result.failed(),
                result.failed() > 0 ? " (see " + errorsPath + "/run=" + run + ")" : "", (System.nanoTime() - t0) / 1_000_000);
        return result;
    }

    /**
     * The input's columns in the input schema's order and types (by name; a column Spark can cast
     * is cast, a missing one fails naming it), through the transforms as internal rows, back as a
     * DataFrame of the output schema's type. Internal rows: no external {@code Row} on either side.
     */
    private Dataset<Row> transformed(SparkSession spark, Dataset<Row> input, TransformPartitions partitions) {
        StructType inType = RowAvro.sqlType(inputSchema);
        Column[] columns = Arrays.stream(inType.fields()).map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new);
        RDD<InternalRow> rows = ((org.apache.spark.sql.classic.Dataset<Row>) input.select(columns)).queryExecution().toRdd();
        return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.toJavaRDD().mapPartitions(partitions).rdd(),
                RowAvro.sqlType(outputSchema), false);
    }

    private static void write(Dataset<Row> rows, String path, List<String> partitionBy) {
        if (path.startsWith(ICEBERG)) {
            String table = path.substring(ICEBERG.length());
            try {
                if (rows.sparkSession().catalog().tableExists(table)) {
                    rows.writeTo(table).overwritePartitions(); // dynamic partition overwrite, one atomic commit
                } else {
                    Column[] parts = partitionBy.stream().map(functions::col).toArray(Column[]::new);
                    var writer = rows.writeTo(table).using("iceberg");
                    (parts.length == 0 ? writer : writer.partitionedBy(parts[0], Arrays.copyOfRange(parts, 1, parts.length))).create();
                }
            } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException | org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException e) {
                throw new IllegalStateException("writing Iceberg table " + table + ": " + e.getMessage(), e);
            }
            return;
        }
        if (path.startsWith("s3a://")) {
            // The S3A partitioned committer (S3Lake) replaces the partitions written; Append keeps Spark from deleting the table first.
            rows.write().mode(SaveMode.Append).partitionBy(partitionBy.toArray(String[]::new)).parquet(path);
        } else {
            rows.write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
                    .partitionBy(partitionBy.toArray(String[]::new)).parquet(path);
        }
    }

    /**
     * What the job reads and writes, for lineage (lib-catalog): the input, and the output and the
     * errors dataset, each derived from the input by this job.
     */
    public PipelineGraph graph() {
        LineageDataset in = LakeDatasets.of(inputPath, inputSchema);
        // After a SQL step the output's schema is the query's, which only Spark knows.
        Schema written = sql == null ? outputSchema : null;
        return PipelineGraph.of(name, List.of(in), List.of(LakeDatasets.of(outputPath, written), LakeDatasets.of(errorsPath, null)));
    }
}
