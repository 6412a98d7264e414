package dev.sluice.testkit.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * Runs one OpenSearch node in this JVM, which lib-testkit's {@code OpenSearchServer} starts as a
 * child process with OpenSearch's own classpath: single-node discovery on loopback, the netty4
 * transport and HTTP, the disk threshold off (a test machine's disk may be nearly full).
 *
 * <p>Arguments: {@code homeDir dataDir httpPort transportPort [setting=value ...]}; the extra
 * settings are node settings (a test sets a tiny write queue with them). Prints {@value #READY}
 * once the node has started, and exits when its standard input closes: the parent's death (or its
 * {@code close}) ends the node even if no signal reaches it.
 */
public final class OpenSearchLauncher {

    public static final String READY = "SLUICE-OPENSEARCH-READY";

    /** The plugins a node built this way would otherwise look for in {@code plugins/}. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment) {
            super(environment, List.of(Netty4Plugin.class), true);
        }
    }

    private OpenSearchLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: OpenSearchLauncher homeDir dataDir httpPort transportPort [setting=value ...]");
        }
        Settings.Builder settings = Settings.builder()
                .put("cluster.name", "sluice-test")
                .put("node.name", "sluice-node")
                .put("path.home", args[0])
                .put("path.data", args[1])
                .put("http.port", args[2])
                .put("transport.port", args[3])
                .put("network.host", "127.0.0.1")
                .put("discovery.type", "single-node")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", true);
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("setting must be name=value, got " + args[i]);
            }
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Files.createDirectories(Path.of(args[0], "config"));
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings.build(), Map.of(),
                Path.of(args[0], "config"), () -> "sluice-node");
        Node node = new EmbeddedNode(environment);
        node.start();
        System.out.println(READY);
        System.out.flush();
        awaitEndOfInput(System.in);
        // Best effort: the parent may already be gone; the halt below ends whatever did not stop.
        try {
            node.close();
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }

    private static void awaitEndOfInput(InputStream in) throws IOException {
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // discard
        }
    }
}
