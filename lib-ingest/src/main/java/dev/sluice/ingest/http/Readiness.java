package dev.sluice.ingest.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Kafka answers: {@link #probe} asks the cluster for its nodes (blocking, bounded by a
 * timeout); {@link #every} repeats it on a thread of its own, never an event loop (a probe of a
 * broker that is down waits out the whole timeout); {@link #ready} is the last answer, so
 * {@code /readyz} never waits. A change is logged once, not every probe.
 */
final class Readiness implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    private final Admin admin;
    private final Duration timeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-ingest-readiness");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean ready;
    private volatile String reason = "not probed yet";

    Readiness(String bootstrapServers, Map<String, Object> clientConfig, Duration timeout) {
        Map<String, Object> p = new HashMap<>(clientConfig);
        p.keySet().retainAll(AdminClientConfig.configNames());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-ingest-readiness");
        this.admin = Admin.create(p);
        this.timeout = timeout;
    }

    void probe() {
        boolean was = ready;
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            ready = nodes > 0;
            reason = ready ? "kafka: " + nodes + " broker(s)" : "kafka: no brokers";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
            reason = "interrupted";
        } catch (Exception e) {
            ready = false;
            reason = "kafka unreachable: " + e.getClass().getSimpleName();
        }
        if (was != ready) {
            log.info("ingest readiness: {} ({})", ready ? "ready" : "not ready", reason);
        }
    }

    /** Probes every {@code period}, one probe at a time, until {@link #close}. */
    void every(Duration period) {
        timer.scheduleWithFixedDelay(this::probe, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean ready() {
        return ready;
    }

    String reason() {
        return reason;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
