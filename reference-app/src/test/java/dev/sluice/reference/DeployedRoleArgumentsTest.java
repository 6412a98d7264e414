package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arguments the deployment passes to the app (every reference-app container in the Kubernetes
 * manifests, every pod of the Airflow DAG, the DAG file executed by {@code infra/tools/dag_arguments.py})
 * are read from the files themselves and parsed by the app's own option parser: a flag renamed in
 * the app and not in {@code infra/} fails here.
 */
class DeployedRoleArgumentsTest {

    private static final Path INFRA = Path.of("..", "infra");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T01:30:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyReferenceAppContainerInTheManifestsPassesArgumentsTheAppParses() throws IOException {
        Map<String, RoleOptions> parsed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(INFRA.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                    while (docs.hasNext()) {
                        List<JsonNode> containers = new ArrayList<>();
                        collectContainers(docs.next(), containers);
                        for (JsonNode c : containers) {
                            if (c.path("image").asText().contains("sluice-reference-app")) {
                                String[] args = YAML.convertValue(c.path("args"), String[].class);
                                parsed.put(f.getFileName() + ":" + c.path("name").asText(), RoleOptions.parse(CLOCK, args));
                            }
                        }
                    }
                }
            }
        }

        assertThat(parsed.values()).extracting(RoleOptions::role).as("the long-running roles and the daily batch, deployed")
                .contains(RoleOptions.Role.INGEST, RoleOptions.Role.ORDERS, RoleOptions.Role.STREAM, RoleOptions.Role.BATCH);
        assertThat(parsed.values()).allSatisfy(o -> assertThat(o.config()).isEqualTo(Path.of("/etc/sluice/app.yaml")));
    }

    @Test
    void everyPodOfTheAirflowDagPassesArgumentsTheAppParses() throws Exception {
        Process p = new ProcessBuilder("python3", INFRA.resolve("tools/dag_arguments.py").toString(),
                INFRA.resolve("airflow/dags/sluice_daily.py").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        List<RoleOptions.Role> roles = new ArrayList<>();
        for (JsonNode task : JSON.readTree(out)) {
            // Airflow renders {{ ds }} as the logical date, YYYY-MM-DD.
            String[] args = JSON.convertValue(task.path("arguments"), String[].class);
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].replace("{{ ds }}", "2026-12-02");
            }
            RoleOptions o = RoleOptions.parse(CLOCK, args);
            assertThat(o.date()).as(task.path("task_id").asText()).hasToString("2026-12-02");
            roles.add(o.role());
        }
        assertThat(roles).containsExactly(RoleOptions.Role.BATCH, RoleOptions.Role.COMPACT, RoleOptions.Role.PINOT_PUSH,
                RoleOptions.Role.LINEAGE);
    }

    /** Every {@code containers} list in a manifest, at whatever depth (Deployment, CronJob, Job). */
    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("containers") && e.getValue().isArray()) {
                    e.getValue().forEach(out::add);
                } else {
                    collectContainers(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectContainers(n, out));
        }
    }
}
