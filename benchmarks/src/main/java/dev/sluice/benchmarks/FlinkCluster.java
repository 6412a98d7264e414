package dev.sluice.benchmarks;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One Flink MiniCluster (a JobManager and one TaskManager) in {@link FlinkJobServer}'s JVM,
 * started once and shared by every Flink run, as a running cluster is: a run times its job's submission,
 * scheduling and work, not the cluster's start. Every address is 127.0.0.1 (Flink's defaults
 * listen on every interface) and every port is picked free.
 */
final class FlinkCluster implements AutoCloseable {

    private final MiniCluster cluster;

    private FlinkCluster(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts a cluster with {@code slots} task slots, enough for a job of that parallelism. */
    static FlinkCluster start(int slots) throws Exception {
        Configuration c = new Configuration();
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        c.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        c.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        c.set(TaskManagerOptions.HOST, "127.0.0.1");
        c.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure ends the run, saying why, instead of restarting unseen
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(c).setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots).setCommonBindAddress("127.0.0.1").withRandomPorts().build());
        cluster.start();
        return new FlinkCluster(cluster);
    }

    /** Submits {@code job} and returns once the cluster has accepted it. */
    JobID submit(StreamGraph job) throws Exception {
        return cluster.submitJob(job).get().getJobID();
    }

    /** Throws with the job's failure if {@code job} has failed (it is not restarted: the runs set no restart strategy). */
    void check(JobID job) throws Exception {
        if (cluster.getJobStatus(job).get() == JobStatus.FAILED) {
            Throwable cause = cluster.requestJobResult(job).get().getSerializedThrowable()
                    .map(t -> t.deserializeError(FlinkCluster.class.getClassLoader())).orElse(null);
            throw new IllegalStateException("Flink job " + job + " failed", cause);
        }
    }

    /** Cancels {@code job} and waits until it has ended, so its slots are free for the next one. */
    void cancel(JobID job) throws Exception {
        if (cluster.getJobStatus(job).get().isGloballyTerminalState()) {
            return;
        }
        cluster.cancelJob(job).get();
        cluster.requestJobResult(job).get();
    }

    @Override
    public void close() throws Exception {
        cluster.closeAsync().get();
    }
}
