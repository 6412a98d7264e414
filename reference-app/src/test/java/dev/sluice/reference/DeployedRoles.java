package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.reference.RoleOptions.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The roles as the deployment runs them, for the tests that run them: the deployed config file, the environment, a readiness wait. */
final class DeployedRoles {

    /** The file every role's pod mounts. */
    static final Path APP_YAML = Path.of("..", "infra", "k8s", "base", "app.yaml");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private DeployedRoles() {}

    /** Runs {@code role} as the process does: its own config load from the file and {@code env}, until it ends or {@code stop}. */
    static boolean run(Map<String, String> env, Role role, LocalDate date, BooleanSupplier stop, PrintStream out) throws Exception {
        return new Roles(new ConfigLoader(env::get).load(APP_YAML), out).run(new RoleOptions(role, APP_YAML, date), stop);
    }

    /** Waits until {@code uri} answers 200 (a role's {@code /readyz}); fails the test after {@code timeout}. */
    static void awaitReady(URI uri, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("ready: " + uri).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
