package dev.sluice.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Decides whether services run in Testcontainers or in this JVM.
 *
 * <p>{@code SLUICE_TESTKIT_MODE} (environment) or {@code sluice.testkit.mode} (system property):
 * {@code jvm} always in the JVM, {@code docker} always in containers (fails without Docker),
 * {@code auto} (default) containers when a Docker engine answers, otherwise the JVM. The cheap
 * check (a socket or {@code DOCKER_HOST}) comes first, so a machine without Docker pays nothing.
 */
public final class Docker {

    private static final Logger log = LoggerFactory.getLogger(Docker.class);
    private static volatile Boolean available;

    private Docker() {}

    /** True when services should start as containers. */
    public static boolean useContainers() {
        String mode = System.getProperty("sluice.testkit.mode", System.getenv().getOrDefault("SLUICE_TESTKIT_MODE", "auto"))
                .toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "jvm" -> false;
            case "docker" -> true;
            case "auto" -> available();
            default -> throw new IllegalArgumentException("SLUICE_TESTKIT_MODE must be jvm, docker or auto, got " + mode);
        };
    }

    /** True when a Docker engine answers. Asked once per JVM. */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                    || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
            a = hint && probe();
            available = a;
            log.info("Docker engine {}: services run {}", a ? "found" : "not found", a ? "in Testcontainers" : "in this JVM");
        }
        return a;
    }

    private static boolean probe() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
