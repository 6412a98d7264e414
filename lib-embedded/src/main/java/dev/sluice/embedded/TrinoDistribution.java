package dev.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trino's server, unpacked once from the tarball that {@code lib-testkit/trino} resolves from Maven
 * Central (its {@code target/trino-distribution.txt} names it): {@code lib/} and the plugins Sluice
 * serves through, the other plugin directories removed. The plugins share jars as hard links, so
 * the whole tarball is unpacked first (about 7 s, with {@code tar}) and pruned after.
 * {@code -Dsluice.trino.home} (or {@code SLUICE_TRINO_HOME}) names that module's {@code target}.
 */
public final class TrinoDistribution {

    private static final Logger log = LoggerFactory.getLogger(TrinoDistribution.class);
    /** hive: the lake's Hive-layout tables; iceberg: the Iceberg tables; pinot: the Pinot tables beside them. */
    static final List<String> PLUGINS = List.of("hive", "iceberg", "pinot");

    private TrinoDistribution() {}

    /** The server's directory (holding {@code lib/} and {@code plugin/}), unpacked on first use. */
    public static synchronized Path home() {
        Path target = target();
        Path tarball = tarball(target);
        String dirName = tarball.getFileName().toString().replace(".tar.gz", "");
        Path home = target.resolve("server").resolve(dirName);
        Path done = target.resolve("server").resolve(dirName + ".unpacked");
        if (Files.exists(done)) {
            return home;
        }
        try {
            Path dir = Files.createDirectories(target.resolve("server"));
            TempDirs.delete(home);
            long t0 = System.nanoTime();
            Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!tar.waitFor(10, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new IllegalStateException("could not unpack " + tarball + " with tar (exit " + (tar.isAlive() ? "none" : tar.exitValue()) + ")");
            }
            try (Stream<Path> plugins = Files.list(home.resolve("plugin"))) {
                plugins.filter(p -> !PLUGINS.contains(p.getFileName().toString())).forEach(TempDirs::delete);
            }
            Files.writeString(done, "plugins " + PLUGINS + "\n");
            log.info("Trino unpacked to {} in {} ms (plugins {})", home, (System.nanoTime() - t0) / 1_000_000, PLUGINS);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack Trino from " + tarball, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking Trino", e);
        }
    }

    private static Path target() {
        String explicit = System.getProperty("sluice.trino.home", System.getenv("SLUICE_TRINO_HOME"));
        // Absolute: the server's classpath is read from its own working directory.
        return (explicit != null ? Path.of(explicit) : Path.of("lib-testkit", "trino", "target")).toAbsolutePath();
    }

    private static Path tarball(Path target) {
        Path named = target.resolve("trino-distribution.txt");
        try {
            Path tarball = Path.of(Files.readString(named).trim());
            if (!Files.isRegularFile(tarball)) {
                throw new IllegalStateException(named + " names " + tarball + ", which does not exist: rebuild lib-testkit/trino");
            }
            return tarball;
        } catch (IOException e) {
            throw new IllegalStateException("No Trino distribution at " + target.toAbsolutePath() + ". Build lib-testkit/trino "
                    + "(`./mvnw -pl lib-testkit/trino package`) and pass -Dsluice.trino.home=<its target directory>.", e);
        }
    }
}
