package dev.sluice.batch;

import dev.sluice.api.Require;
import dev.sluice.api.Transform;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.graph.PipelineGraph;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark batch job over Sluice {@link Transform}s: reads a table ({@link BatchInput}), converts
 * each row to an Avro record of {@code inputSchema}, runs the transform chain partition by
 * partition (the same classes the stream runtime runs), and writes the output records to a
 * partitioned table ({@link BatchOutput}), in one pass (the transforms run once per record;
 * nothing is cached). Records the error policy dead-letters are written by the tasks as Avro files
 * under {@code errorsPath/run=<start time>/} (stage, reason, input record, source); they appear as
 * the tasks run, not at the job's commit. Counts come from Spark accumulators: exact when no task
 * was retried. This record is the job's spec; {@link #run} hands it to the runner. Immutable;
 * change it with the {@code with*} methods.
 *
 * <p>Atomicity and reruns: each run replaces exactly the partitions it writes and leaves the
 * others (rerunning one date replaces that date), atomically at the job's commit for Iceberg and
 * for {@code s3a://} files with {@link S3Lake}'s settings; see {@link BatchOutput}.
 *
 * @param name         the job's name, in errors, counters and lineage
 * @param input        what it reads
 * @param inputSchema  the Avro schema the transform reads; input columns are matched by name
 * @param transform    the transform chain (build it with {@link Transform#andThen})
 * @param outputSchema the Avro schema the transform emits
 * @param output       where the records go, partitioned by its {@link BatchOutput#partitionBy()}
 * @param errorsPath   where failed records go
 * @param policies     the error policy (its transform stage decides)
 * @param sql          a SQL step over the transformed records before the write (an aggregation,
 *                     say); null for none. With one, the partition columns are the statement's
 */
public record BatchJob(String name, BatchInput input, Schema inputSchema, Transform<GenericRecord, GenericRecord> transform,
                       Schema outputSchema, BatchOutput output, String errorsPath, ErrorPolicies policies, SqlTransform sql) {

    public BatchJob {
        Require.nonBlank(name, "name");
        Require.nonNull(input, "input");
        Require.nonNull(inputSchema, "inputSchema");
        Require.nonNull(transform, "transform");
        Require.nonNull(outputSchema, "outputSchema");
        Require.nonNull(output, "output");
        for (String p : output.partitionBy()) {
            if (sql == null && outputSchema.getField(p) == null) {
                throw new IllegalArgumentException("partition column '" + p + "' is not in the output schema " + outputSchema.getFullName());
            }
        }
        Require.nonBlank(errorsPath, "errorsPath");
        Require.nonNull(policies, "policies");
    }

    /** No SQL step, default error policies. */
    public static BatchJob of(String name, BatchInput input, Schema inputSchema, Transform<GenericRecord, GenericRecord> transform,
                              Schema outputSchema, BatchOutput output, String errorsPath) {
        return new BatchJob(name, input, inputSchema, transform, outputSchema, output, errorsPath, ErrorPolicies.defaults(), null);
    }

    /** Reads only the input rows {@code filter} (Spark SQL) keeps; null for all. */
    public BatchJob withWhere(String filter) {
        return new BatchJob(name, input.withWhere(filter), inputSchema, transform, outputSchema, output, errorsPath, policies, sql);
    }

    public BatchJob withPolicies(ErrorPolicies p) {
        return new BatchJob(name, input, inputSchema, transform, outputSchema, output, errorsPath, p, sql);
    }

    /** Runs {@code step} over the transformed records before the write. */
    public BatchJob withSql(SqlTransform step) {
        return new BatchJob(name, input, inputSchema, transform, outputSchema, output, errorsPath, policies, step);
    }

    /** Runs the job on {@code spark} and answers its counts. */
    public BatchResult run(SparkSession spark) {
        return BatchRun.run(this, spark);
    }

    /**
     * What the job reads and writes, for lineage (lib-catalog): the input, and the output and the
     * errors dataset, each derived from the input by this job.
     */
    public PipelineGraph graph() {
        // After a SQL step the output's schema is the query's, which only Spark knows.
        Schema written = sql == null ? outputSchema : null;
        return PipelineGraph.of(name, List.of(LakeDatasets.of(input, inputSchema)),
                List.of(LakeDatasets.of(output, written), LakeDatasets.of(errorsPath, null)));
    }
}
