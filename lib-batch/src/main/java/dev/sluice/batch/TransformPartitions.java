package dev.sluice.batch;

import dev.sluice.core.Envelope;
import dev.sluice.core.Position;
import dev.sluice.core.Transform;
import dev.sluice.core.TransformContext;
import dev.sluice.core.TransformRunner;
import dev.sluice.core.error.DeadLetterSink;
import dev.sluice.core.error.ErrorPolicies;
import dev.sluice.core.error.Failure;
import dev.sluice.core.error.FailureHandler;
import dev.sluice.core.metrics.PipelineListener;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The Spark side of {@link BatchJob}: one {@link TransformRunner} per partition (per task),
 * driven through {@link TransformRunner#processPartition}, the seam the stream runtime shares.
 * Output records become rows; records the policy dead-letters go to the task's {@link ErrorFile}.
 * One pass: the transforms run once per record, and nothing is cached. The accumulators count
 * records in, out and failed (a retried task counts again: exact when no task was retried).
 */
final class TransformPartitions implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final String job;
    private final String inputSchema;
    private final String outputSchema;
    private final Transform<GenericRecord, GenericRecord> transform;
    private final ErrorPolicies policies;
    private final HadoopConf conf;
    private final String errors;
    private final String run;
    private final LongAccumulator in;
    private final LongAccumulator out;
    private final LongAccumulator failed;

    TransformPartitions(BatchJob job, HadoopConf conf, String run, LongAccumulator in, LongAccumulator out, LongAccumulator failed) {
        this.job = job.name();
        this.inputSchema = job.inputSchema().toString();
        this.outputSchema = job.outputSchema().toString();
        this.transform = job.transform();
        this.policies = job.policies();
        this.conf = conf;
        this.errors = job.errorsPath();
        this.run = run;
        this.in = in;
        this.out = out;
        this.failed = failed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Schema inSchema = new Schema.Parser().parse(inputSchema);
        Schema outSchema = new Schema.Parser().parse(outputSchema);
        int partition = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
        ErrorFile errorFile = new ErrorFile(conf, errors, run, partition);
        DeadLetterSink toFile = new DeadLetterSink() {
            @Override
            public void send(Failure failure) {
                errorFile.write(failure);
                failed.add(1);
            }

            @Override
            public void flush() {}
        };
        FailureHandler failures = new FailureHandler(job, policies, toFile, PipelineListener.noop());
        TransformRunner<GenericRecord, GenericRecord> runner = TransformRunner.open(transform, new TransformContext(job, "transform", partition), failures);
        String source = job + "/part-" + partition;
        Iterator<Envelope<GenericRecord>> inputs = new Iterator<>() {
            private long row;
            private int[] columns;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Envelope<GenericRecord> next() {
                in.add(1);
                Row r = rows.next();
                if (columns == null) {
                    columns = RowAvro.columns(r, inSchema); // every row of the task has the input's shape
                }
                return Envelope.of(RowAvro.toAvro(r, inSchema, columns)).withPosition(new Position.File(source, row++));
            }
        };
        Iterator<Envelope<GenericRecord>> outputs = runner.processPartition(inputs);
        return new TaskOutput<>(outputs, e -> {
            out.add(1);
            return RowAvro.toRow(e.value(), outSchema);
        }, errorFile::close); // before the task ends: the job commits only after every task returned
    }
}
