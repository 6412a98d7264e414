package dev.sluice.batch;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.Transform;
import dev.sluice.api.TransformContext;
import dev.sluice.api.TransformRunner;
import dev.sluice.api.error.DataException;
import dev.sluice.api.error.DeadLetterSink;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.Failure;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.Stage;
import dev.sluice.api.metrics.PipelineListener;
import java.time.Instant;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.avro.AvroDeserializer;
import org.apache.spark.sql.avro.AvroSerializer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;

/**
 * The Spark side of {@link BatchJob}: one {@link TransformRunner} per partition (per task),
 * driven through {@link TransformRunner#processPartition}, the seam the stream runtime shares.
 * Rows arrive and leave as Spark's internal rows, converted straight to and from Avro records by
 * Spark's own Avro serializer and deserializer (the ones {@code from_avro}/{@code to_avro} use), so
 * no external {@code Row} is built on either side. Records the policy dead-letters go to the
 * task's {@link ErrorFile}. One pass: the transforms run once per record, and nothing is cached.
 * The accumulators count records in, out and failed, added once when the task's last row is taken
 * (a retried task counts again: exact when no task was retried).
 */
final class TransformPartitions implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

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
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        Schema inSchema = new Schema.Parser().parse(inputSchema);
        Schema outSchema = new Schema.Parser().parse(outputSchema);
        AvroSerializer toAvro = RowAvro.serializer(inSchema);
        AvroDeserializer toRow = RowAvro.deserializer(outSchema);
        GenericRecordConverter generic = new GenericRecordConverter(outSchema);
        int partition = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
        ErrorFile errorFile = new ErrorFile(conf, errors, run, partition);
        Counts counts = new Counts(); // one accumulator update per task, not per record
        DeadLetterSink toFile = new DeadLetterSink() {
            @Override
            public void send(Failure failure) {
                errorFile.write(failure);
                counts.failed++;
            }

            @Override
            public void flush() {}
        };
        FailureHandler failures = new FailureHandler(job, policies, toFile, PipelineListener.noop());
        TransformRunner<GenericRecord, GenericRecord> runner = TransformRunner.open(transform, new TransformContext(job, "transform", partition), failures,
                PipelineListener.noop());
        String source = job + "/part-" + partition;
        Instant readAt = Instant.now(); // a row's event time: when its task read it (a clock read per row showed in profiles)
        Iterator<Envelope<GenericRecord>> outputs = runner.processPartition(rows, row -> {
            Position position = new Position.File(source, counts.in++);
            try {
                return Envelope.of((GenericRecord) toAvro.serialize(row), null, EnvelopeHeaders.empty(), position, readAt, null);
            } catch (RuntimeException e) {
                RuntimeException reason = unreadable(row, inSchema, e);
                Envelope<String> shown = Envelope.of(row.toSeq(RowAvro.sqlType(inSchema)).mkString("[", ", ", "]")).withPosition(position);
                failures.recover(Stage.DESERIALIZE, "spark-row", shown, reason, () -> {
                    throw reason; // the same row fails the same way again
                });
                return null;
            }
        });
        return new TaskOutput<>(outputs, e -> {
            counts.out++;
            return (InternalRow) toRow.deserialize(generic.of(e.value())).get();
        }, () -> {
            errorFile.close(); // before the task ends: the job commits only after every task returned
            in.add(counts.in);
            out.add(counts.out);
            failed.add(counts.failed);
        });
    }

    /** A task's records in, out and failed, added to the accumulators once, when its last row is taken. */
    private static final class Counts {
        long in;
        long out;
        long failed;
    }

    /**
     * Why a row could not become a record: Spark's serializer refuses a null in a required field
     * with its own error; the dead letter names the column and the schema's field instead.
     */
    private static RuntimeException unreadable(InternalRow row, Schema schema, RuntimeException e) {
        int missing = RowAvro.firstNull(row, RowAvro.required(schema));
        if (missing < 0) {
            return e;
        }
        String field = schema.getFields().get(missing).name();
        return new DataException("column " + field + " is null, and field " + field + " of " + schema.getFullName() + " is not nullable", e);
    }
}
