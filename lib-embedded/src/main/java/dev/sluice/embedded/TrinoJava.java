package dev.sluice.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK that runs Trino 476 (its bytecode is Java 24): {@code -Dsluice.trino.java} or
 * {@code SLUICE_TRINO_JAVA} (a JDK's home), then the running JVM, {@code JAVA_HOME}, and the
 * JDKs in the usual directories ({@code /usr/lib/jvm}, {@code /opt/java}, {@code /opt},
 * {@code ~/.sdkman/candidates/java}, {@code /Library/Java/JavaVirtualMachines}). A JDK's version is
 * read from its {@code release} file.
 */
public final class TrinoJava {

    /** Trino 476's own floor. */
    public static final int MIN_FEATURE = 24;
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private TrinoJava() {}

    /** The {@code java} launcher of the first JDK found at version 24 or newer. */
    public static Optional<Path> find() {
        return candidates().stream().filter(home -> feature(home) >= MIN_FEATURE).map(home -> home.resolve("bin").resolve("java"))
                .filter(Files::isExecutable).findFirst();
    }

    /** Why {@link #find} found nothing: what was looked for, and where. */
    public static String notFound() {
        return "no JDK " + MIN_FEATURE + "+ for Trino: set SLUICE_TRINO_JAVA (or -Dsluice.trino.java) to a JDK " + MIN_FEATURE
                + "+ home; looked at " + candidates();
    }

    static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        String explicit = System.getProperty("sluice.trino.java", System.getenv("SLUICE_TRINO_JAVA"));
        if (explicit != null && !explicit.isBlank()) {
            homes.add(Path.of(explicit));
        }
        homes.add(Path.of(System.getProperty("java.home")));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        for (String dir : List.of("/usr/lib/jvm", "/opt/java", "/opt", System.getProperty("user.home") + "/.sdkman/candidates/java")) {
            homes.addAll(children(Path.of(dir), ""));
        }
        homes.addAll(children(Path.of("/Library/Java/JavaVirtualMachines"), "Contents/Home"));
        return homes;
    }

    private static List<Path> children(Path dir, String below) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> below.isEmpty() ? p : p.resolve(below)).filter(p -> Files.isRegularFile(p.resolve("release"))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The JDK's feature version (25 for 25.0.1), or 0 when unknown. */
    static int feature(Path home) {
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
