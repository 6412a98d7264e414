package dev.sluice.testkit.pinot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pinot.tools.admin.command.StartBrokerCommand;
import org.apache.pinot.tools.admin.command.StartControllerCommand;
import org.apache.pinot.tools.admin.command.StartServerCommand;
import org.apache.pinot.tools.admin.command.StartZookeeperCommand;

/**
 * Runs a whole Pinot cluster (ZooKeeper, controller, broker, server) in this one JVM, which
 * lib-testkit's {@code PinotCluster} starts as a child process with Pinot's own classpath.
 *
 * <p>Arguments: {@code workDir zkPort controllerPort brokerPort serverNettyPort serverAdminPort
 * serverGrpcPort multiStagePort1 multiStagePort2 multiStagePort3}. Prints {@value #READY} once every
 * component has started, and exits when its standard input closes: the parent's death (or its
 * {@code close}) ends the cluster even if no signal reaches it.
 */
public final class PinotLauncher {

    public static final String READY = "SLUICE-PINOT-READY";
    private static final String CLUSTER = "SluiceCluster";

    private PinotLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 10) {
            throw new IllegalArgumentException("usage: PinotLauncher workDir zkPort controllerPort brokerPort serverNettyPort "
                    + "serverAdminPort serverGrpcPort multiStagePort1 multiStagePort2 multiStagePort3");
        }
        Path work = Path.of(args[0]);
        int[] p = new int[9];
        for (int i = 0; i < 9; i++) {
            p[i] = Integer.parseInt(args[i + 1]);
        }
        String zk = "127.0.0.1:" + p[0];

        StartZookeeperCommand zookeeper = new StartZookeeperCommand();
        zookeeper.setPort(p[0]);
        zookeeper.setDataDir(dir(work, "zookeeper"));
        zookeeper.execute();

        StartControllerCommand controller = new StartControllerCommand();
        controller.setZkAddress(zk).setClusterName(CLUSTER).setControllerPort(Integer.toString(p[1])).setDataDir(dir(work, "controller"));
        controller.setConfigOverrides(Map.of("controller.host", "127.0.0.1"));
        check(controller.execute(), "controller");

        StartBrokerCommand broker = new StartBrokerCommand();
        broker.setZkAddress(zk).setClusterName(CLUSTER).setPort(p[2]).setBrokerMultiStageRunnerPort(p[7]);
        broker.setConfigOverrides(Map.of("pinot.broker.hostname", "127.0.0.1"));
        check(broker.execute(), "broker");

        StartServerCommand server = new StartServerCommand();
        server.setZkAddress(zk).setClusterName(CLUSTER).setPort(p[3]).setAdminPort(p[4]).setGrpcPort(p[5])
                .setMultiStageServerPort(p[6]).setMultiStageRunnerPort(p[8])
                .setDataDir(dir(work, "server-data")).setSegmentDir(dir(work, "server-segments"));
        server.setConfigOverrides(Map.of("pinot.server.netty.host", "127.0.0.1"));
        check(server.execute(), "server");

        System.out.println(READY);
        System.out.flush();
        awaitEndOfInput(System.in);
        // Best effort: the parent may already be gone; the halt below ends whatever did not stop.
        try {
            zookeeper.stop();
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }

    private static void check(boolean started, String component) {
        if (!started) {
            throw new IllegalStateException("Pinot " + component + " did not start");
        }
    }

    private static String dir(Path work, String name) throws IOException {
        return Files.createDirectories(work.resolve(name)).toString();
    }

    private static void awaitEndOfInput(InputStream in) throws IOException {
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // discard
        }
    }
}
