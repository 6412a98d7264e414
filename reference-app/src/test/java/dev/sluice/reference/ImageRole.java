package dev.sluice.reference;

import dev.sluice.embedded.TempDirs;
import dev.sluice.reference.RoleOptions.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role run as {@code reference-app/Dockerfile}'s image runs it: a JVM whose classpath is what the
 * Dockerfile's {@code COPY} lines put in {@code /app/lib} (this build's {@code target/lib} and app
 * jar), with the Dockerfile's {@code JDK_JAVA_OPTIONS} and entry point, and the deployment's
 * arguments. What the image lacks (the test kit, the embedded services) this JVM lacks too, so a
 * role that needs a class only the tests have fails here as it would in the cluster.
 * {@code JAVA_TOOL_OPTIONS} is this test's (a heap cap and its own temp directory), not the image's
 * percentage of a pod limit.
 */
final class ImageRole {

    static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path REPOSITORY = Path.of("..");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+/app/lib/\\s*$");
    private static final Pattern JDK_OPTIONS = Pattern.compile("(?m)^ENV JDK_JAVA_OPTIONS=\"([^\"]*)\"");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT \\[\"java\", \"-cp\", \"/app/lib/\\*\", \"([\\w.]+)\"]");

    private ImageRole() {}

    /**
     * Runs {@code role} until it exits, or, for a role that runs until stopped, until {@code stop}
     * (then SIGTERM, as Kubernetes stops a pod) and it exits; its output goes to {@code out}. True when it ended cleanly: exit 0, or the
     * JVM's 143 after our SIGTERM.
     */
    static boolean run(Map<String, String> env, Role role, LocalDate date, BooleanSupplier stop, PrintStream out) throws Exception {
        Path tmp = Files.createTempDirectory("sluice-image-" + role.flag() + "-");
        Process p = start(env, role, date, tmp);
        Thread pump = pump(p, out, "image-role-" + role.flag());
        boolean stopped = false;
        try {
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (!stopped && role.untilStopped && stop.getAsBoolean()) {
                    p.destroy(); // SIGTERM
                    stopped = true;
                }
            }
            pump.join(10_000);
        } finally {
            p.destroyForcibly();
            TempDirs.delete(tmp);
        }
        return p.exitValue() == 0 || (stopped && p.exitValue() == 143);
    }

    private static Process start(Map<String, String> env, Role role, LocalDate date, Path tmp) throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath(dockerfile),
                match(ENTRYPOINT, dockerfile, "ENTRYPOINT"), "--role", role.flag(), "--config", DeployedRoles.APP_YAML.toString()));
        if (date != null) {
            cmd.addAll(List.of("--date", date.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("JDK_JAVA_OPTIONS", match(JDK_OPTIONS, dockerfile, "ENV JDK_JAVA_OPTIONS"));
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Xmx1g -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=" + tmp);
        return pb.start();
    }

    /** Every jar the COPY lines put in /app/lib, resolved from the repository root as {@code docker build .} would. */
    static String classpath(String dockerfile) throws IOException {
        List<String> jars = new ArrayList<>();
        Matcher m = COPY.matcher(dockerfile);
        while (m.find()) {
            jars.addAll(jars(REPOSITORY.resolve(m.group(1))));
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException(DOCKERFILE + " copies nothing into /app/lib");
        }
        return String.join(":", jars);
    }

    private static List<String> jars(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (var files = Files.list(source)) {
                return files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
            }
        }
        String glob = source.getFileName().toString();
        try (var files = Files.newDirectoryStream(source.getParent(), glob)) {
            List<String> found = new ArrayList<>();
            files.forEach(f -> found.add(f.toString()));
            if (found.isEmpty()) {
                throw new IllegalStateException("nothing matches " + source + ": build the module first (./mvnw package)");
            }
            return found;
        }
    }

    private static String match(Pattern p, String dockerfile, String what) {
        Matcher m = p.matcher(dockerfile);
        if (!m.find()) {
            throw new IllegalStateException(DOCKERFILE + " has no " + what + " line of the form " + p.pattern());
        }
        return m.group(1);
    }

    /** Copies a child's output to {@code to} on a daemon thread until the child's pipe ends. */
    static Thread pump(Process child, OutputStream to, String name) {
        Thread t = new Thread(() -> {
            try (InputStream in = child.getInputStream()) {
                in.transferTo(to);
            } catch (IOException endedUnderRead) {
                // the JDK closes a child's pipe when it exits, even under a read in progress: its output has ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
