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
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The Spark side of {@link BatchJob}: one {@link TransformRunner} per partition (per task),
 * driven through {@link TransformRunner#processPartition}, the seam the stream runtime shares.
 * Each output row carries the output columns and three error columns that are null; a record the
 * policy dead-letters becomes a row whose output columns are null and whose error columns say the
 * stage, the reason and the input record (as Avro's JSON). {@link BatchJob} splits the two.
 */
final class TransformPartitions implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final String job;
    private final String inputSchema;
    private final String outputSchema;
    private final Transform<GenericRecord, GenericRecord> transform;
    private final ErrorPolicies policies;

    TransformPartitions(String job, Schema input, Schema output, Transform<GenericRecord, GenericRecord> transform, ErrorPolicies policies) {
        this.job = job;
        this.inputSchema = input.toString();
        this.outputSchema = output.toString();
        this.transform = transform;
        this.policies = policies;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Schema in = new Schema.Parser().parse(inputSchema);
        Schema out = new Schema.Parser().parse(outputSchema);
        int width = out.getFields().size();
        ArrayDeque<Failure> failed = new ArrayDeque<>();
        DeadLetterSink collect = new DeadLetterSink() {
            @Override
            public void send(Failure failure) {
                failed.add(failure);
            }

            @Override
            public void flush() {}
        };
        int partition = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
        FailureHandler failures = new FailureHandler(job, policies, collect, PipelineListener.noop());
        TransformRunner<GenericRecord, GenericRecord> runner = TransformRunner.open(transform, new TransformContext(job, "transform", partition), failures);
        String source = job + "/part-" + partition;
        Iterator<Envelope<GenericRecord>> inputs = new Iterator<>() {
            private long row;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Envelope<GenericRecord> next() {
                return Envelope.of(RowAvro.toAvro(rows.next(), in)).withPosition(new Position.File(source, row++));
            }
        };
        Iterator<Envelope<GenericRecord>> outputs = runner.processPartition(inputs);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !failed.isEmpty() || outputs.hasNext() || !failed.isEmpty();
            }

            @Override
            public Row next() {
                if (!failed.isEmpty()) {
                    return errorRow(failed.poll(), width);
                }
                if (!outputs.hasNext()) {
                    if (!failed.isEmpty()) {
                        return errorRow(failed.poll(), width);
                    }
                    throw new NoSuchElementException();
                }
                Row ok = RowAvro.toRow(outputs.next().value(), out);
                Object[] values = new Object[width + 3];
                for (int i = 0; i < width; i++) {
                    values[i] = ok.get(i);
                }
                return RowFactory.create(values);
            }
        };
    }

    private static Row errorRow(Failure f, int width) {
        Object[] values = new Object[width + 3];
        values[width] = f.stage().name().toLowerCase();
        values[width + 1] = f.cause().getClass().getSimpleName() + ": " + f.cause().getMessage();
        values[width + 2] = String.valueOf(f.envelope().value());
        return RowFactory.create(values);
    }
}
