package dev.sluice.batch;

import dev.sluice.api.annotation.Internal;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;

/**
 * The task function a {@link BatchJob} runs in each Spark task, for the benchmarks: {@code bench
 * batch-task} drives it over rows in memory, so Sluice's per-row cost is measured without a Spark
 * job's scheduling and I/O around it. Not API: the function's contract is {@link BatchJob#run}'s.
 */
@Internal
public final class BatchTasks {

    private BatchTasks() {}

    /** The job's task function, with a local Hadoop configuration and counters no driver reads. */
    public static FlatMapFunction<Iterator<InternalRow>, InternalRow> of(BatchJob job) {
        LongAccumulator unread = new LongAccumulator();
        return new TransformPartitions(job, new HadoopConf(new Configuration()), "bench", unread, unread, unread);
    }
}
