package dev.sluice.catalog.trino;

import dev.sluice.api.Require;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Statements through Trino's JDBC driver ({@code jdbc:trino://host:port}), one connection per call:
 * for the app's summary, the roles and the tests, not for high query rates. A failure is a
 * {@link TrinoException} with Trino's message and the statement.
 *
 * @param url  {@code jdbc:trino://host:port[/catalog[/schema]]}
 * @param user the user Trino runs the statement as (no password on a plain HTTP coordinator)
 */
public record TrinoQuery(String url, String user) {

    public TrinoQuery {
        Require.nonBlank(url, "url");
        Require.nonBlank(user, "user");
    }

    /** As user {@code sluice}. */
    public static TrinoQuery of(String url) {
        return new TrinoQuery(url, "sluice");
    }

    /** Runs a statement that returns no rows worth reading (DDL, CALL, INSERT). */
    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new TrinoException(sql, e);
        }
    }

    /** The rows of a query, each as column label to value (in select order). */
    public List<Map<String, Object>> rows(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new TrinoException(sql, e);
        }
    }

    /** A query with one numeric result, such as {@code SELECT count(*) FROM t}. */
    public long single(String sql) {
        List<Map<String, Object>> rows = rows(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1 || !(rows.get(0).values().iterator().next() instanceof Number n)) {
            throw new IllegalStateException("Trino: expected one number from \"" + sql + "\", got " + rows);
        }
        return n.longValue();
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        return DriverManager.getConnection(url, p);
    }
}
