package dev.sluice.benchmarks;

import dev.sluice.batch.BatchInput;
import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchOutput;
import dev.sluice.batch.BatchTasks;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.unsafe.types.UTF8String;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Spark task of {@code bench batch-overhead} without Spark's job around it: a million of the
 * benchmark's input rows, held in memory as the {@code UnsafeRow}s a Parquet scan hands a task,
 * through the task function a {@link BatchJob} runs ({@code sluice}) and through the no-Sluice
 * floor's ({@link AvroFloor}: Spark's Avro converters around the same record function, and nothing
 * else). Each op is one row; the output rows are consumed. What separates the two is Sluice's own
 * per-row cost: the envelopes, the runner, the error policy, the counts. Three forks, as the JIT's
 * choices for these deep call chains differ from one JVM to the next.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class BatchTaskBenchmark {

    static final int ROWS = 1_000_000;
    private static final String[] COUNTRIES = {"DE", "US", "FR", "IN"};

    private List<InternalRow> rows;
    private FlatMapFunction<Iterator<InternalRow>, InternalRow> sluice;
    private FlatMapFunction<Iterator<InternalRow>, InternalRow> floor;

    @Setup
    public void setUp() {
        // The rows batch-overhead writes: id, country, amount, ts (microseconds).
        UnsafeProjection unsafe = UnsafeProjection.create(AvroFloor.sqlType(BatchOverhead.IN));
        rows = new ArrayList<>(ROWS);
        for (long id = 0; id < ROWS; id++) {
            long ts = (1_795_478_400L + (id % 3) * 86_400 + id % 86_400) * 1_000_000;
            GenericInternalRow row = new GenericInternalRow(new Object[] {id, UTF8String.fromString(COUNTRIES[(int) (id % 4)]), (id % 1000) * 0.25, ts});
            rows.add(unsafe.apply(row).copy());
        }
        String errors = System.getProperty("java.io.tmpdir") + "/sluice-bench-batch-task-errors";
        sluice = BatchTasks.of(BatchJob.of("batch-task", BatchInput.parquet("unused"), BatchOverhead.IN, new BatchOverhead.Derive(), BatchOverhead.OUT,
                BatchOutput.parquet("unused", "dt"), errors));
        floor = new AvroFloor.Derived(BatchOverhead.IN.toString(), BatchOverhead.OUT.toString());
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long sluice() throws Exception {
        return drain(sluice.call(rows.iterator()));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long floor() throws Exception {
        return drain(floor.call(rows.iterator()));
    }

    /** Takes every output row and reads a column of it, as the next operator would. */
    private static long drain(Iterator<InternalRow> out) {
        long cents = 0;
        while (out.hasNext()) {
            cents += out.next().getLong(1);
        }
        return cents;
    }
}
