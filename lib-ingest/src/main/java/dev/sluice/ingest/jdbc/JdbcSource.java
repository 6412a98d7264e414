package dev.sluice.ingest.jdbc;

import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.ingest.state.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads a table incrementally through JDBC (PostgreSQL, SQL Server, any database that knows
 * {@code OFFSET 0 ROWS FETCH NEXT n ROWS ONLY}): batched queries for rows after the last key read,
 * in key order (see {@link Incremental}), each row mapped onto an Avro schema by column name. The
 * last committed key is kept in a {@link StateStore}, so a restart resumes after it. Rows deleted
 * from the table are not seen (use a soft-delete column, or the CDC source). Immutable; change it
 * with the {@code with*} methods.
 *
 * @param name         names the source's state and its errors; unique per store
 * @param jdbcUrl      the database; its driver must be on the classpath
 * @param connection   connection properties ({@code user}, {@code password}...); never logged.
 *                     For SQL Server, {@code sendTimeAsDatetime=false} is added unless given, so
 *                     timestamps bind as {@code datetime2} and compare at full precision
 * @param table        the table (or view), schema-qualified as the database wants
 * @param incremental  the ordering key
 * @param schema       the Avro record schema; each field reads the column of its name
 * @param batchSize    rows per query
 * @param pollInterval the wait after a query that returned less than a full batch
 * @param state        where the last committed key is kept
 */
public record JdbcSource(String name, String jdbcUrl, Map<String, String> connection, String table, Incremental incremental,
                         Schema schema, int batchSize, Duration pollInterval, StateStore.Factory state) implements Source<GenericRecord> {

    private static final long serialVersionUID = 1L;

    public JdbcSource {
        Require.nonBlank(name, "name");
        Require.nonBlank(jdbcUrl, "jdbcUrl");
        connection = Map.copyOf(Require.nonNull(connection, "connection"));
        Require.nonBlank(table, "table");
        Require.nonNull(incremental, "incremental");
        Require.nonNull(schema, "schema");
        Require.atLeast(batchSize, 1, "batchSize");
        Require.positive(pollInterval, "pollInterval");
        Require.nonNull(state, "state");
    }

    /** Batches of 1,000 rows, a query every second while the table is quiet. */
    public static JdbcSource of(String name, String jdbcUrl, Map<String, String> connection, String table, Incremental incremental,
                                Schema schema, StateStore.Factory state) {
        return new JdbcSource(name, jdbcUrl, connection, table, incremental, schema, 1_000, Duration.ofSeconds(1), state);
    }

    public JdbcSource withBatchSize(int rows) {
        return new JdbcSource(name, jdbcUrl, connection, table, incremental, schema, rows, pollInterval, state);
    }

    public JdbcSource withPollInterval(Duration d) {
        return new JdbcSource(name, jdbcUrl, connection, table, incremental, schema, batchSize, d, state);
    }

    /** The query after a key: its {@code ?}s are bound by the last key read. */
    String query(boolean first) {
        return "SELECT * FROM " + table + " WHERE " + (first ? incremental.first() : incremental.after()) + " ORDER BY "
                + incremental.orderBy() + " OFFSET 0 ROWS FETCH NEXT " + batchSize + " ROWS ONLY";
    }

    @Override
    public SourceReader<GenericRecord> createReader(SourceContext context) {
        return new JdbcSourceReader(this, context);
    }

    @Override
    public List<LineageDataset> datasets() {
        String platform = jdbcUrl.startsWith("jdbc:sqlserver:") ? "mssql" : jdbcUrl.startsWith("jdbc:postgresql:") ? "postgres" : "jdbc";
        return List.of(new LineageDataset(platform, table, schema));
    }

    @Override
    public String toString() {
        return "JdbcSource[" + name + ", " + jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***") + ", " + table + ", " + incremental + "]";
    }
}
