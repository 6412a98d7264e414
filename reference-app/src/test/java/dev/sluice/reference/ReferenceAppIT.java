package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.embedded.TrinoJava;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, in small: the embedded default starts, runs and accounts for every event, in Kafka and in S3. */
class ReferenceAppIT {

    @Test
    void theEmbeddedDemoAccountsForEveryEvent(@TempDir Path dir) throws Exception {
        Path lake = dir.resolve("lake-dir");
        Path lineage = dir.resolve("lineage/datahub-proposals.json");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean balanced = ReferenceApp.run(new DemoOptions(5_000, false, 2, lake, 0, lineage), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(balanced).as(out).isTrue();
        assertThat(out).containsPattern("registry    http://127.0.0.1:[0-9]+/apis/ccompat/v7 \\(Apicurio, child JVM\\)")
                .contains("generated           5,000 events").contains("accounted for       every event")
                .containsPattern("raw zone \\(S3\\) +[0-9,]+ rows in [1-9][0-9]* Parquet files")
                .containsPattern("curated \\(S3\\) +[0-9,]+ rows in s3a://lake/curated/clicks_daily, sum\\(views\\) = [0-9,]+ \\(= clicks-clean\\)")
                .containsPattern("orders-cdc +[0-9,]+ change events \\(snapshot, then each change\\); 100 orders at their final status \\(= database\\)")
                .containsPattern("orders-api +[0-9,]+ items; 100 orders at their final status \\(= database\\)")
                .containsPattern("pinot clicks +[0-9,]+ rows \\(= clicks-clean\\)")
                .containsPattern("pinot clicks_history +[0-9,]+ rows in [1-9][0-9]* segment\\(s\\) from the compacted raw zone \\(= clicks-clean\\)")
                .containsPattern("search index +[0-9,]+ documents in clicks-\\* \\(= clicks-clean\\), http://127.0.0.1:[0-9]+")
                .containsPattern("streaming sql +[1-9][0-9,]* windows and keys in clicks_per_minute \\(topic clicks-per-minute\\), sum\\(views\\) = [0-9,]+ \\(= clicks-clean\\), 0 late")
                .contains("lineage             21 datasets, 20 edges");
        // The per-minute table served: Pinot's upsert table and the index hold one row and one document per window and key.
        Matcher windows = Pattern.compile("streaming sql +([0-9,]+) windows and keys.*sum\\(views\\) = ([0-9,]+)").matcher(out);
        assertThat(windows.find()).as(out).isTrue();
        assertThat(out).contains("pinot clicks_per_minute " + windows.group(1) + " rows (= windows and keys, upserted), sum(views) = "
                        + windows.group(2) + " (= clicks_per_minute)")
                .contains("search clicks_per_minute " + windows.group(1) + " documents (= windows and keys, one per key)");
        if (TrinoJava.find().isPresent()) {
            assertThat(out).containsPattern("trino raw zone +[0-9,]+ rows in lake.raw.clicks \\(= clicks-clean\\)")
                    .containsPattern("trino curated +sum\\(views\\) = [0-9,]+ in lake.curated.clicks_daily \\(= clicks-clean\\), jdbc:trino://127.0.0.1:[0-9]+");
        } else {
            assertThat(out).contains("trino               skipped: no JDK 24+");
        }
        assertThat(lake.resolve("lake").resolve("clicks")).as("Parquet files under the lake directory").isDirectory();

        // The lineage file lists every dataset and edge of the run, from the stages' own graphs.
        JsonNode proposals = new ObjectMapper().readTree(lineage.toFile());
        Set<String> edges = new TreeSet<>();
        Set<String> schemas = new TreeSet<>();
        for (JsonNode p : proposals) {
            String urn = p.get("entityUrn").asText();
            if (p.get("aspectName").asText().equals("upstreamLineage")) {
                for (JsonNode op : new ObjectMapper().readTree(p.at("/aspect/value").asText())) {
                    edges.add(op.at("/value/dataset").asText() + " -> " + urn);
                }
            }
            if (p.get("aspectName").asText().equals("schemaMetadata")) {
                schemas.add(urn);
            }
        }
        assertThat(edges).contains(
                urn("http", "ingest.clicks") + " -> " + urn("kafka", "clicks-raw"),
                urn("kafka", "clicks-raw") + " -> " + urn("kafka", "clicks-clean"),
                urn("kafka", "clicks-raw") + " -> " + urn("kafka", "clicks-dlq"),
                urn("kafka", "clicks-clean") + " -> " + urn("s3", "lake/clicks"),
                urn("s3", "lake/clicks") + " -> " + urn("s3", "lake/curated/clicks_daily"),
                urn("s3", "lake/clicks") + " -> " + urn("s3", "lake/errors/clicks_daily"),
                urn("kafka", "clicks-clean") + " -> " + urn("elasticsearch", "clicks-*"),
                urn("kafka", "clicks-clean") + " -> " + urn("kafka", "clicks-per-minute"), // the streaming SQL's statement
                urn("kafka", "clicks-per-minute") + " -> " + urn("kafka", "clicks-per-minute-pinot"),
                urn("kafka", "clicks-per-minute-pinot") + " -> " + urn("pinot", "clicks_per_minute"));
        assertThat(schemas).contains(urn("kafka", "clicks-raw"), urn("kafka", "clicks-clean"), urn("s3", "lake/clicks"), urn("kafka", "clicks-per-minute"));
        assertThat(proposals.findValuesAsText("aspectName")).filteredOn("dataProcessInstanceRunEvent"::equals).as("start and end of 12 stages").hasSize(24);
        assertThat(edges).anyMatch(e -> e.startsWith("urn:li:dataset:(urn:li:dataPlatform:postgres,") && e.endsWith(urn("kafka", "orders-cdc")))
                .anyMatch(e -> e.startsWith("urn:li:dataset:(urn:li:dataPlatform:rest,") && e.endsWith(urn("kafka", "orders-api")));
    }

    private static String urn(String platform, String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:" + platform + "," + name + ",PROD)";
    }
}
