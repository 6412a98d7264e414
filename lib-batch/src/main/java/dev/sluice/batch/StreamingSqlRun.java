package dev.sluice.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running queries of a {@link StreamingSql}, one per statement, and the late rows each left
 * out so far. {@link #stop()} stops them all; a new {@link StreamingSql#start} resumes each from its checkpoint.
 */
public final class StreamingSqlRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingSqlRun.class);
    private static final long BATCH_GRACE_MS = 15_000;

    private final SparkSession spark;
    private final Map<String, StreamingQuery> queries;
    private final Map<String, AtomicLong> late;
    private final StreamingQueryListener progress;

    private StreamingSqlRun(SparkSession spark, Map<String, StreamingQuery> queries, Map<String, AtomicLong> late, StreamingQueryListener progress) {
        this.spark = spark;
        this.queries = queries;
        this.late = late;
        this.progress = progress;
    }

    static StreamingSqlRun start(StreamingSql job, SparkSession spark, List<SqlQueryPlan> plans, Trigger trigger) {
        Map<String, AtomicLong> late = new ConcurrentHashMap<>();
        Map<String, String> statementOf = new ConcurrentHashMap<>();
        for (SqlQueryPlan p : plans) {
            late.put(p.statement().name(), new AtomicLong());
            statementOf.put(job.name() + "." + p.statement().name(), p.statement().name());
            // Reported at zero first, so the count exists from the start: a rate or an alert over it sees the first late row.
            job.listener().onLateRecords(job.name() + "." + p.statement().name(), 0);
        }
        StreamingQueryListener progress = new LateRows(job, statementOf, late);
        spark.streams().addListener(progress);
        Map<String, StreamingQuery> queries = new LinkedHashMap<>();
        StreamingSqlRun run = new StreamingSqlRun(spark, queries, late, progress);
        try {
            for (SqlQueryPlan p : plans) {
                queries.put(p.statement().name(), startQuery(job, p, trigger));
            }
        } catch (RuntimeException e) {
            run.stop();
            throw e;
        }
        return run;
    }

    private static StreamingQuery startQuery(StreamingSql job, SqlQueryPlan plan, Trigger trigger) {
        SqlStatement s = plan.statement();
        KafkaEncode encode = new KafkaEncode(plan.output().schema(), job.outputCodecs().codec(s.topic(), plan.output().schema()), plan.keyColumns());
        Column[] columns = plan.output().columns().toArray(Column[]::new);
        VoidFunction2<Dataset<Row>, Long> write = KafkaTopicStream.writeBatches(job.bootstrapServers(), job.kafkaSettings(), s.topic(), encode);
        VoidFunction2<Dataset<Row>, Long> writeBatch = (batch, id) -> write.call(batch.select(columns), id);
        try {
            return plan.rows().writeStream().queryName(job.name() + "." + s.name())
                    .outputMode(s.kind() == SqlStatement.Kind.TABLE ? "update" : "append")
                    .option("checkpointLocation", job.checkpoints() + "/" + s.name()).trigger(trigger).foreachBatch(writeBatch).start();
        } catch (TimeoutException e) {
            throw new IllegalStateException(s.where() + ": the query did not start: " + e.getMessage(), e);
        }
    }

    /** The query of the statement named {@code statement}. */
    public StreamingQuery query(String statement) {
        StreamingQuery q = queries.get(statement);
        if (q == null) {
            throw new IllegalArgumentException("no statement named " + statement + "; the statements are " + queries.keySet());
        }
        return q;
    }

    /**
     * Late rows the statement's query left out since this run started, as Spark counts them (after
     * partial aggregation: one per late window and key in each task; see {@link StreamingSql}).
     */
    public long lateRows(String statement) {
        query(statement);
        return late.get(statement).get();
    }

    /** Whether every query is running (none failed or stopped): a health check. */
    public boolean isActive() {
        return queries.values().stream().allMatch(StreamingQuery::isActive);
    }

    /** Blocks until every query has processed what its topics hold now (for tests and bounded runs). */
    public void processAllAvailable() {
        queries.values().forEach(StreamingQuery::processAllAvailable);
    }

    /**
     * Stops every query (each keeps its checkpoint) and stops listening. A query in a micro-batch is
     * given up to {@value #BATCH_GRACE_MS} ms to end it first: stopping interrupts the batch's tasks,
     * which Spark logs as errors and the restart redoes from the checkpoint (nothing is lost either
     * way; Spark has no stop-after-this-batch, so a batch that starts right after the check is still
     * interrupted).
     */
    public void stop() {
        RuntimeException first = null;
        for (StreamingQuery q : queries.values()) {
            try {
                awaitBatchEnd(q);
                q.stop();
            } catch (TimeoutException | RuntimeException e) {
                first = first != null ? first : new IllegalStateException("query " + q.name() + " did not stop: " + e.getMessage(), e);
            }
        }
        spark.streams().removeListener(progress);
        if (first != null) {
            throw first;
        }
    }

    private static void awaitBatchEnd(StreamingQuery q) {
        long deadline = System.nanoTime() + BATCH_GRACE_MS * 1_000_000;
        while (q.isActive() && q.status().isTriggerActive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Sums each micro-batch's late rows per query, reports them to the job's listener and logs them. */
    private static final class LateRows extends StreamingQueryListener {
        private final StreamingSql job;
        private final Map<String, String> statementOf;
        private final Map<String, AtomicLong> late;

        LateRows(StreamingSql job, Map<String, String> statementOf, Map<String, AtomicLong> late) {
            this.job = job;
            this.statementOf = statementOf;
            this.late = late;
        }

        @Override
        public void onQueryStarted(QueryStartedEvent event) {}

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            String statement = statementOf.get(String.valueOf(event.progress().name()));
            if (statement == null) {
                return; // another job's query
            }
            long dropped = 0;
            for (StateOperatorProgress op : event.progress().stateOperators()) {
                dropped += op.numRowsDroppedByWatermark();
            }
            if (dropped > 0) {
                late.get(statement).addAndGet(dropped);
                job.listener().onLateRecords(event.progress().name(), dropped);
                LOG.warn("query {}: {} late rows (as Spark counts them, after partial aggregation) behind the watermark {} were left out of every window (batch {})", event.progress().name(),
                        dropped, event.progress().eventTime().get("watermark"), event.progress().batchId());
            }
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {}
    }
}
