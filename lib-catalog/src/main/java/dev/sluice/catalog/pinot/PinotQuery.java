package dev.sluice.catalog.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** SQL through a Pinot broker ({@code POST /query/sql}); query errors Pinot reports in its answer are thrown. */
public final class PinotQuery {

    private final PinotHttp broker;

    public PinotQuery(String brokerUrl) {
        this.broker = new PinotHttp(brokerUrl, Duration.ofSeconds(30));
    }

    /** The result rows, each a list of column values. */
    public List<List<JsonNode>> rows(String sql) {
        ObjectNode body = PinotSchemas.JSON.createObjectNode().put("sql", sql);
        JsonNode answer = broker.send(broker.request("/query/sql").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build()).json();
        JsonNode errors = answer.path("exceptions");
        if (errors.size() > 0) {
            throw new PinotException("query \"" + sql + "\"", 200, errors.get(0).path("message").asText(errors.toString()));
        }
        List<List<JsonNode>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("resultTable").path("rows")) {
            List<JsonNode> values = new ArrayList<>();
            row.forEach(values::add);
            rows.add(values);
        }
        return rows;
    }

    /** A query with one numeric result, such as {@code SELECT COUNT(*) FROM t}. */
    public long single(String sql) {
        List<List<JsonNode>> rows = rows(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new PinotException("query \"" + sql + "\" returned " + rows + ", not one value", null);
        }
        return rows.get(0).get(0).asLong();
    }

    /**
     * Pinot consumes and loads segments asynchronously: polls {@code SELECT COUNT(*)} until the table
     * holds at least {@code expected} rows or {@code timeout} passes, and answers the last count
     * (-1 if the table never answered, for example because it was not routable yet).
     */
    public long awaitCount(String table, long expected, Duration timeout) throws InterruptedException {
        return awaitCount(table, null, expected, timeout);
    }

    /** As {@link #awaitCount(String, long, Duration)}, counting only the rows that match {@code where} (a SQL condition; null for all). */
    public long awaitCount(String table, String where, long expected, Duration timeout) throws InterruptedException {
        String sql = "SELECT COUNT(*) FROM " + table + (where == null ? "" : " WHERE " + where);
        List<List<JsonNode>> rows = await(sql, r -> r.get(0).get(0).asLong() >= expected, timeout);
        return rows.isEmpty() ? -1 : rows.get(0).get(0).asLong();
    }

    /**
     * Polls {@code sql} every 500 ms until {@code done} accepts its rows or {@code timeout} passes,
     * and answers the last rows (empty if the table never answered, for example because it was
     * not routable yet): Pinot consumes, upserts and loads segments asynchronously.
     */
    public List<List<JsonNode>> await(String sql, Predicate<List<List<JsonNode>>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<List<JsonNode>> rows = List.of();
        while (System.nanoTime() < deadline) {
            try {
                rows = rows(sql);
            } catch (PinotException notYet) {
                // the table is not routable yet
            }
            if (!rows.isEmpty() && done.test(rows)) {
                break;
            }
            Thread.sleep(500);
        }
        return rows;
    }
}
