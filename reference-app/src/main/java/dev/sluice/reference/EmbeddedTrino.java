package dev.sluice.reference;

import dev.sluice.embedded.PostgresService;
import dev.sluice.embedded.TrinoJava;
import dev.sluice.embedded.TrinoServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded default's Trino: lib-testkit's server (a child JVM on a JDK 24+) with the
 * deployment's own catalog files ({@code infra/serving/trino/catalog}, or
 * {@code -Dsluice.trino.catalogs}), unchanged; only the environment points them at the embedded S3
 * server and PostgreSQL, as a deployment's environment points them at AWS.
 */
final class EmbeddedTrino {

    /** A running server, or why there is none. */
    record Started(Optional<TrinoServer> server, String skipped) {}

    private static final Pattern ENV = Pattern.compile("\\$\\{ENV:([A-Za-z0-9_]+)}");
    static final Path CATALOGS = Path.of(System.getProperty("sluice.trino.catalogs", "../infra/serving/trino/catalog"));

    private EmbeddedTrino() {}

    /**
     * The environment the catalog files read: the lake bucket and its S3 server, the Iceberg
     * catalog's database, and Pinot's controller ({@code host:port}, or null: no pinot catalog).
     */
    static Map<String, String> environment(String bucket, URI s3, String accessKey, String secretKey, PostgresService db, String pinotController) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SLUICE_S3_BUCKET", bucket,
                "SLUICE_S3_ENDPOINT", s3.toString(),
                "SLUICE_S3_PATH_STYLE", "true",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey,
                "SLUICE_ICEBERG_JDBC_URL", db.jdbcUrl(),
                "SLUICE_ICEBERG_JDBC_USER", db.username(),
                "SLUICE_ICEBERG_JDBC_PASSWORD", db.password()));
        if (pinotController != null) {
            env.put("SLUICE_PINOT_CONTROLLER", pinotController);
        }
        return env;
    }

    /** The catalog files whose {@code ${ENV:...}} values {@code environment} all has (no Pinot, no pinot catalog). */
    static Map<String, Map<String, String>> catalogs(Map<String, String> environment) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>(TrinoServer.catalogs(CATALOGS));
        all.values().removeIf(properties -> properties.values().stream().anyMatch(v -> {
            Matcher m = ENV.matcher(v);
            while (m.find()) {
                if (!environment.containsKey(m.group(1))) {
                    return true;
                }
            }
            return false;
        }));
        return all;
    }

    /** Starts the server, or says plainly why not (no JDK 24+, no distribution built, a failed start, {@code abandon} while it started). */
    static Started start(Map<String, String> environment, BooleanSupplier abandon) {
        if (TrinoJava.find().isEmpty()) {
            return new Started(Optional.empty(), TrinoJava.notFound());
        }
        try {
            return new Started(Optional.of(TrinoServer.start(catalogs(environment), environment, abandon)), null);
        } catch (RuntimeException e) {
            return new Started(Optional.empty(), e.getMessage().lines().findFirst().orElse(e.toString()));
        }
    }
}
