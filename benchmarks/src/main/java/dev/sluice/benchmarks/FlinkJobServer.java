package dev.sluice.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.JobID;

/**
 * The Flink peer's child JVM: one MiniCluster, started once, running one job at a time on
 * request. Requests arrive on stdin, one per line, and each gets one reply line on stdout,
 * {@code ok} or {@code failed <cause>}:
 * <ul>
 *   <li>{@code start <bootstrap> <in> <out> <group> <exactlyOnce> <parallelism> <eventSchemaId>}
 *       submits {@link FlinkTopology#graph} and replies once the cluster accepted it;</li>
 *   <li>{@code check} fails with the job's failure if it failed;</li>
 *   <li>{@code cancel} cancels the job and replies once it has ended.</li>
 * </ul>
 * The cluster closes when stdin does. A child JVM because flink-connector-kafka 5.0.0-2.2 is
 * built against kafka-clients 4.2.0 and its transactional producer calls
 * {@code TransactionalRequestResult.await()}, which 4.3 removed, while the harness's broker needs
 * the project's 4.3.1: see {@link FlinkChild}.
 */
public final class FlinkJobServer {

    private FlinkJobServer() {}

    public static void main(String[] args) throws Exception {
        PrintStream replies = System.out;
        System.setOut(System.err); // stdout carries the replies only: anything else printed there would garble them
        try (FlinkCluster cluster = FlinkCluster.start(Integer.parseInt(args[0]));
             BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            replies.println("ok");
            replies.flush();
            JobID job = null;
            for (String line; (line = requests.readLine()) != null; ) {
                String[] w = line.split(" ");
                try {
                    switch (w[0]) {
                        case "start" -> job = cluster.submit(FlinkTopology.graph(w[1], w[2], w[3], w[4], Boolean.parseBoolean(w[5]),
                                Integer.parseInt(w[6]), Integer.parseInt(w[7])));
                        case "check" -> cluster.check(job);
                        case "cancel" -> cluster.cancel(job);
                        default -> throw new IllegalArgumentException("unknown request '" + line + "'");
                    }
                    replies.println("ok");
                } catch (Exception e) {
                    e.printStackTrace(); // the child's stderr is its log
                    replies.println("failed " + causes(e));
                }
                replies.flush();
            }
        }
    }

    /** The exception and its causes on one line, the root cause last. */
    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e));
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            s.append(" <- caused by ").append(t);
        }
        return s.toString().replace('\n', ' ');
    }
}
