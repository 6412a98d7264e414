package dev.sluice.batch;

import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;

/**
 * The benchmarks' way to the task function a {@link BatchJob} runs in each Spark task (package
 * private in lib-batch, and not API): {@code bench batch-task} drives it over rows in memory, so
 * Sluice's per-row cost is measured without a Spark job's scheduling and I/O around it. This class
 * shares lib-batch's package for that reason only.
 */
public final class BatchTasks {

    private BatchTasks() {}

    /** The job's task function, with a local Hadoop configuration and counters no driver reads. */
    public static FlatMapFunction<Iterator<InternalRow>, InternalRow> of(BatchJob job) {
        LongAccumulator unread = new LongAccumulator();
        return new TransformPartitions(job, new HadoopConf(new Configuration()), "bench", unread, unread, unread);
    }
}
