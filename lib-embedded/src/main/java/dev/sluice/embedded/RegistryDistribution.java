package dev.sluice.embedded;

import dev.sluice.api.annotation.Internal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds and unpacks Apicurio Registry's runnable distribution
 * ({@code io.apicurio:apicurio-registry-app:VERSION:tar.gz:all} on Maven Central). Looked up in order:
 * <ol>
 *   <li>{@code -Dsluice.registry.dist} or {@code SLUICE_REGISTRY_DIST}: the tar.gz, or a directory it was unpacked to;</li>
 *   <li>the cache of the build's {@code download-maven-plugin} ({@code ~/.m2/repository/.cache/download-maven-plugin}),
 *       filled by the parent pom's {@code fetch-schema-registry} execution.</li>
 * </ol>
 * The archive is unpacked once into {@code ~/.cache/sluice/} and reused.
 */
@Internal
public final class RegistryDistribution {

    public static final String VERSION = "3.0.9";
    static final String ARCHIVE = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
    static final String RUNNER = "apicurio-registry-app-" + VERSION + "-runner.jar";

    private RegistryDistribution() {}

    /** The runner jar of an unpacked distribution. */
    static Path runnerJar() {
        Path dist = locate().orElseThrow(() -> new IllegalStateException("Schema registry distribution " + ARCHIVE
                + " not found. Build with `./mvnw verify` (the fetch-schema-registry execution downloads it from Maven Central), "
                + "or download io/apicurio/apicurio-registry-app/" + VERSION + "/" + ARCHIVE
                + " from Maven Central and pass -Dsluice.registry.dist=<path>."));
        Path dir = Files.isDirectory(dist) ? dist : unpack(dist);
        Path jar = dir.resolve(RUNNER);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + RUNNER + " in " + dir);
        }
        return jar;
    }

    static Optional<Path> locate() {
        String explicit = System.getProperty("sluice.registry.dist", System.getenv("SLUICE_REGISTRY_DIST"));
        if (explicit != null && Files.exists(Path.of(explicit))) {
            return Optional.of(Path.of(explicit));
        }
        String repo = System.getProperty("maven.repo.local", Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path cache = Path.of(repo, ".cache", "download-maven-plugin");
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().startsWith(ARCHIVE)).max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks into a temporary sibling, then renames, so a half-written directory is never used. */
    private static Path unpack(Path archive) {
        Path target = Path.of(System.getProperty("user.home"), ".cache", "sluice", "apicurio-registry-app-" + VERSION);
        if (Files.isRegularFile(target.resolve(RUNNER))) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), "unpacking-");
            try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(archive));
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("archive entry escapes the target: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isRegularFile(target.resolve(RUNNER))) {
                    throw raced;
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + archive + " into " + target, e);
        }
    }
}
