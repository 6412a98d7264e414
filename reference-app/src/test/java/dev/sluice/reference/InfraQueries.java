package dev.sluice.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every query the serving and view files under {@code infra/} would send, found by walking the
 * files (so a new card cannot escape the tests): Trino's {@code .sql} files, Metabase's cards (the
 * engine from {@code databases.json}) and Superset's charts (the SQL Superset builds from a chart's
 * columns and metrics, the engine from {@code datasources.yaml}). Files of a kind it does not know
 * under those directories fail the walk, as does a card on a database the connection files lack.
 */
final class InfraQueries {

    enum Engine { TRINO, PINOT }

    /**
     * One query. {@code catalog}/{@code schema} are the connection's defaults (Trino); {@code charted}
     * the columns the card draws, which the result must have; {@code returnsRows} false for DDL.
     */
    record Query(String source, Engine engine, String catalog, String schema, String sql, List<String> charted, boolean returnsRows) {
        @Override
        public String toString() {
            return source + " (" + engine + "): " + sql;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path INFRA = Path.of("..", "infra");

    private InfraQueries() {}

    /** All queries, with {@code ${SLUICE_S3_BUCKET}} replaced by {@code bucket}. */
    static List<Query> all(String bucket) {
        List<Query> all = new ArrayList<>();
        for (Path f : files(INFRA.resolve("serving/trino"), ".sql")) {
            String text = read(f).replace(ServingFiles.BUCKET, bucket);
            for (String statement : statements(text)) {
                boolean select = statement.regionMatches(true, 0, "SELECT", 0, 6) || statement.regionMatches(true, 0, "WITH", 0, 4);
                all.add(new Query(INFRA.relativize(f).toString(), Engine.TRINO, "lake", null, statement, List.of(), select));
            }
        }
        all.addAll(metabase());
        all.addAll(superset());
        for (Path f : files(INFRA.resolve("visualization"), "")) {
            String name = f.getFileName().toString();
            if (!name.endsWith(".json") && !name.endsWith(".yaml") && !name.endsWith(".py")) {
                throw new IllegalStateException("InfraQueries does not know " + f + ": teach it where that file's queries are");
            }
        }
        return all;
    }

    private static List<Query> metabase() {
        Map<String, JsonNode> databases = new HashMap<>();
        for (JsonNode db : tree(JSON, INFRA.resolve("visualization/metabase/databases.json"))) {
            databases.put(db.path("name").asText(), db);
        }
        List<Query> all = new ArrayList<>();
        for (Path f : files(INFRA.resolve("visualization/metabase"), ".json")) {
            JsonNode doc = tree(JSON, f);
            for (JsonNode card : doc.path("cards")) {
                JsonNode db = databases.get(card.path("database").asText());
                if (db == null) {
                    throw new IllegalStateException(f + ": card \"" + card.path("name").asText() + "\" uses database \""
                            + card.path("database").asText() + "\", which databases.json does not define");
                }
                Engine engine = db.path("engine").asText().equals("pinot") ? Engine.PINOT : Engine.TRINO;
                all.add(new Query(INFRA.relativize(f) + " card \"" + card.path("name").asText() + "\"", engine,
                        db.at("/details/catalog").asText(null), db.at("/details/schema").asText(null), card.path("query").asText(), List.of(), true));
            }
        }
        return all;
    }

    /** Superset's charts as the SQL it sends: group-by columns (and the x axis), then each metric under its label. */
    private static List<Query> superset() {
        Map<String, JsonNode> databases = new HashMap<>();
        for (JsonNode db : tree(YAML, INFRA.resolve("visualization/superset/datasources.yaml")).path("databases")) {
            databases.put(db.path("database_name").asText(), db);
        }
        List<Query> all = new ArrayList<>();
        for (Path f : files(INFRA.resolve("visualization/superset"), ".json")) {
            for (JsonNode chart : tree(JSON, f).path("charts")) {
                String[] source = chart.path("datasource").asText().split("\\.", 2);
                JsonNode db = databases.get(source[0]);
                if (db == null) {
                    throw new IllegalStateException(f + ": chart \"" + chart.path("slice_name").asText() + "\" uses database \"" + source[0]
                            + "\", which datasources.yaml does not define");
                }
                boolean pinot = db.path("sqlalchemy_uri").asText().startsWith("pinot");
                JsonNode params = chart.path("params");
                List<String> columns = new ArrayList<>();
                if (params.hasNonNull("x_axis")) {
                    columns.add(params.path("x_axis").asText());
                }
                params.path("groupby").forEach(g -> columns.add(g.asText()));
                List<String> select = new ArrayList<>(columns);
                List<String> charted = new ArrayList<>(columns);
                for (JsonNode m : params.path("metrics")) {
                    select.add(m.path("sqlExpression").asText() + " AS " + m.path("label").asText());
                    charted.add(m.path("label").asText());
                }
                String where = "";
                if (params.path("time_range").asText().equals("Last hour")) {
                    String time = timeColumn(db, source[1]);
                    where = pinot ? " WHERE \"" + time + "\" > ago('PT1H')" : " WHERE \"" + time + "\" > current_timestamp - INTERVAL '1' HOUR";
                }
                String sql = "SELECT " + String.join(", ", select) + " FROM " + source[1] + where
                        + (columns.isEmpty() ? "" : " GROUP BY " + String.join(", ", columns))
                        + (params.has("row_limit") ? " LIMIT " + params.path("row_limit").asInt() : "");
                String catalog = pinot ? null : db.path("sqlalchemy_uri").asText().replaceAll(".*/", "");
                all.add(new Query(INFRA.relativize(f) + " chart \"" + chart.path("slice_name").asText() + "\"", pinot ? Engine.PINOT : Engine.TRINO,
                        catalog, null, sql, charted, true));
            }
        }
        return all;
    }

    private static String timeColumn(JsonNode db, String table) {
        for (JsonNode t : db.path("tables")) {
            String name = (t.hasNonNull("schema") ? t.path("schema").asText() + "." : "") + t.path("table_name").asText();
            if (name.equals(table)) {
                return t.path("main_dttm_col").asText();
            }
        }
        throw new IllegalStateException("datasources.yaml: no table " + table + " with a main_dttm_col");
    }

    /** The statements of a SQL file: split at {@code ;} line ends, {@code --} comment lines dropped. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).filter(p -> !p.toString().contains("/k8s/"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(ObjectMapper mapper, Path f) {
        try {
            return mapper.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
