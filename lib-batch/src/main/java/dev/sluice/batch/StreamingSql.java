package dev.sluice.batch;

import dev.sluice.api.Require;
import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.graph.PipelineGraph;
import dev.sluice.api.metrics.PipelineListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnsupportedOperationChecker;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Continuous SQL over Kafka topics, where the seed pipeline ran ksqlDB, on Spark Structured
 * Streaming: each statement of a {@link SqlScript} is one streaming query over the registered
 * {@link SqlStream}s (and the STREAMs of earlier statements), writing Avro to its own topic under
 * its own checkpoint {@code <checkpoints>/<statement name>}.
 * <ul>
 *   <li>A TABLE runs in update mode: each micro-batch writes the rows of the windows and keys it
 *       changed, keyed by the group keys ({@link KafkaEncode}); a window's state is dropped once
 *       the watermark passes its end. Read as a compacted topic (the latest value per key) it is
 *       the query's result.</li>
 *   <li>A STREAM appends each row, without a key.</li>
 *   <li>Rows whose window closed (its end behind the watermark) are left out by Spark; each
 *       micro-batch's count of them ({@code numRowsDroppedByWatermark}) is reported through
 *       {@link PipelineListener#onLateRecords} and a WARN naming the query and the watermark.
 *       Spark counts after its partial aggregation, so the count is one per late window and key
 *       in each task, not one per row: never zero when a row was left out, at most the late rows.</li>
 *   <li>Records of a stream that do not decode or fail its transform go to the dead-letter topic.</li>
 * </ul>
 * What is promised across failures and restarts: each micro-batch's state is checkpointed with
 * the offsets it read, so after a stop (or a crash) a query resumes where it committed and no row
 * is counted twice in any window. The output is written from {@code foreachBatch}, at least once:
 * a micro-batch that failed after writing is written again with the same rows, so a TABLE's
 * latest value per key is exact, while its changelog and a STREAM may hold repeats.
 *
 * @param name             the job's name (queries are named {@code <name>.<statement>})
 * @param bootstrapServers the Kafka cluster
 * @param streams          the topics the SELECTs read by name
 * @param script           the statements
 * @param outputCodecs     how each query's values are encoded
 * @param checkpoints      the directory under which each query keeps its checkpoint
 * @param deadLetterTopic  where records that fail to decode or transform go
 * @param policies         the error policies of the decode and transform stages
 * @param maxOffsetsPerTrigger records read per micro-batch and stream at most; 0 for no bound
 * @param listener         late rows and failures are reported to it (on the driver)
 * @param kafkaSettings    client settings (security: SASL, TLS, IAM) for every consumer and producer, as Kafka names them
 */
public record StreamingSql(String name, String bootstrapServers, List<SqlStream> streams, SqlScript script, SqlOutputCodecs outputCodecs,
                           String checkpoints, String deadLetterTopic, ErrorPolicies policies, long maxOffsetsPerTrigger,
                           PipelineListener listener, Map<String, String> kafkaSettings) {

    public StreamingSql {
        Require.nonBlank(name, "name");
        Require.nonBlank(bootstrapServers, "bootstrapServers");
        streams = List.copyOf(Require.nonNull(streams, "streams"));
        Require.nonNull(script, "script");
        Require.nonNull(outputCodecs, "outputCodecs");
        Require.nonBlank(checkpoints, "checkpoints");
        Require.nonBlank(deadLetterTopic, "deadLetterTopic");
        Require.nonNull(policies, "policies");
        Require.atLeast(maxOffsetsPerTrigger, 0, "maxOffsetsPerTrigger");
        Require.nonNull(listener, "listener");
        kafkaSettings = Map.copyOf(Require.nonNull(kafkaSettings, "kafkaSettings"));
        Set<String> names = new HashSet<>();
        for (SqlStream s : streams) {
            if (!names.add(s.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("streaming SQL " + name + ": two streams are named " + s.name());
            }
        }
        for (SqlStatement s : script.statements()) {
            if (names.contains(s.name().toLowerCase(Locale.ROOT))) {
                throw s.error("the name " + s.name() + " is a registered stream's");
            }
        }
    }

    public static StreamingSql of(String name, String bootstrapServers, List<SqlStream> streams, SqlScript script,
                                  SqlOutputCodecs outputCodecs, String checkpoints, String deadLetterTopic) {
        return new StreamingSql(name, bootstrapServers, streams, script, outputCodecs, checkpoints, deadLetterTopic,
                ErrorPolicies.defaults(), 0, PipelineListener.noop(), Map.of());
    }

    public StreamingSql withPolicies(ErrorPolicies p) {
        return new StreamingSql(name, bootstrapServers, streams, script, outputCodecs, checkpoints, deadLetterTopic, p, maxOffsetsPerTrigger, listener, kafkaSettings);
    }

    public StreamingSql withMaxOffsetsPerTrigger(long n) {
        return new StreamingSql(name, bootstrapServers, streams, script, outputCodecs, checkpoints, deadLetterTopic, policies, n, listener, kafkaSettings);
    }

    public StreamingSql withListener(PipelineListener l) {
        return new StreamingSql(name, bootstrapServers, streams, script, outputCodecs, checkpoints, deadLetterTopic, policies, maxOffsetsPerTrigger, l, kafkaSettings);
    }

    /** The same job with these client settings for its consumers and producers (never logged by Sluice). */
    public StreamingSql withKafkaSettings(Map<String, String> settings) {
        return new StreamingSql(name, bootstrapServers, streams, script, outputCodecs, checkpoints, deadLetterTopic, policies, maxOffsetsPerTrigger,
                listener, settings);
    }

    /**
     * Registers the streams as views of {@code spark} and checks every statement against them
     * (Spark's parser and analyzer, the statement's kind, the output's types, what Structured
     * Streaming supports in the statement's output mode), without starting anything.
     *
     * @return what each statement writes, in the script's order
     * @throws SqlScriptException naming the first statement that cannot run and why
     */
    public List<SqlOutput> plan(SparkSession spark) {
        return plans(spark).stream().map(p -> new SqlOutput(p.statement().name(), p.statement().kind(), p.statement().topic(),
                p.output().schema(), p.keyColumns())).toList();
    }

    /**
     * The lineage of the statements ({@link #plan} first): one job per statement, from the topics
     * its SELECT reads to its topic, and each stream read into the dead-letter topic.
     */
    public PipelineGraph graph(SparkSession spark) {
        return SqlLineage.graph(this, plans(spark));
    }

    List<SqlQueryPlan> plans(SparkSession spark) {
        for (SqlStream s : streams) {
            Dataset<Row> rows = KafkaTopicStream.read(spark, name + "." + s.name(), bootstrapServers, s.topic(), s.codec(), s.transform(),
                    s.schema(), policies, deadLetterTopic, maxOffsetsPerTrigger, kafkaSettings);
            if (s.eventTime() != null) {
                rows = rows.withWatermark(s.eventTime(), s.lateness().toMillis() + " milliseconds");
            }
            rows.createOrReplaceTempView(s.name());
        }
        List<SqlQueryPlan> plans = new ArrayList<>();
        for (SqlStatement statement : script.statements()) {
            SqlQueryPlan plan = SqlQueryPlan.of(statement, analyze(spark, statement));
            if (statement.kind() == SqlStatement.Kind.STREAM) {
                plan.rows().createOrReplaceTempView(statement.name());
            }
            plans.add(plan);
        }
        return plans;
    }

    /**
     * Checks the script ({@link #plan}) and starts one query per statement with {@code trigger}.
     * Nothing starts when a statement is wrong.
     */
    public StreamingSqlRun start(SparkSession spark, Trigger trigger) {
        return StreamingSqlRun.start(this, spark, plans(spark), trigger);
    }

    private static Dataset<Row> analyze(SparkSession spark, SqlStatement statement) {
        try {
            Dataset<Row> rows = spark.sql(statement.select());
            OutputMode mode = statement.kind() == SqlStatement.Kind.TABLE ? OutputMode.Update() : OutputMode.Append();
            UnsupportedOperationChecker.checkForStreaming(rows.queryExecution().analyzed(), mode);
            return rows;
        } catch (Exception thrown) { // Scala declares no exceptions: AnalysisException (and ParseException) arrive undeclared
            if (!(thrown instanceof AnalysisException e)) {
                throw thrown instanceof RuntimeException r ? r : new IllegalStateException(thrown);
            }
            String at = e.line().isDefined() ? " (line " + ((int) e.line().get() + statement.line() - 1) + " of the script)" : "";
            throw statement.error(e.getMessage() + at);
        }
    }
}
