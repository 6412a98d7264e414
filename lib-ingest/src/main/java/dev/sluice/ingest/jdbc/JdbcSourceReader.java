package dev.sluice.ingest.jdbc;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.error.FailureHandler;
import dev.sluice.api.error.RetriableException;
import dev.sluice.api.error.Stage;
import dev.sluice.api.source.SourceContext;
import dev.sluice.ingest.state.OrderedProgress;
import dev.sluice.ingest.state.OrderedStreamReader;
import dev.sluice.ingest.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link JdbcSource}: one query per poll for the next batch after the last key read. A
 * database error is logged, the connection dropped, and the query tried again after a backoff (1 s
 * doubling to 1 min); the reader never gives up on its own. Committed positions advance the stored
 * key through {@link OrderedProgress}; rows dead-lettered while mapping count as done.
 */
final class JdbcSourceReader extends OrderedStreamReader<GenericRecord> {

    private static final Logger log = LoggerFactory.getLogger(JdbcSourceReader.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final JdbcSource source;
    private final FailureHandler failures;
    private final StateStore store;
    private final String component;
    private final OrderedProgress<RowKey> progress;
    private Connection connection;
    private final RowKey initial;
    private RowKey last;
    private long nextQueryAt;
    private Duration backoff = Duration.ofSeconds(1);
    private boolean closed;

    JdbcSourceReader(JdbcSource source, SourceContext context) {
        this.source = source;
        this.failures = context.failures();
        this.component = "jdbc-source:" + source.name();
        this.store = source.state().open();
        this.progress = new OrderedProgress<>(store, source.name(), RowKey::toJson);
        this.initial = store.get(source.name()).map(json -> RowKey.fromJson(source.name(), json)).orElse(null);
        this.last = initial;
        log.info("JDBC source {} on {} starts after {}", source.name(), source.table(), last == null ? "the beginning" : last.describe());
    }

    @Override
    public List<Envelope<GenericRecord>> poll(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("JDBC source " + source.name() + " is closed");
        }
        if (waitedWhilePaused(timeout)) {
            return List.of();
        }
        long wait = nextQueryAt - System.currentTimeMillis();
        if (wait > 0) {
            sleep(Math.min(wait, timeout.toMillis()));
            return List.of();
        }
        try {
            List<Row> rows = query();
            backoff = Duration.ofSeconds(1);
            nextQueryAt = rows.size() < source.batchSize() ? System.currentTimeMillis() + source.pollInterval().toMillis() : 0;
            return accept(rows);
        } catch (SQLException e) {
            log.warn("JDBC source {}: query on {} failed ({}); retrying in {}", source.name(), source.table(), e.getMessage(), backoff);
            closeConnection();
            nextQueryAt = System.currentTimeMillis() + backoff.toMillis();
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return List.of();
        }
    }

    /** A row read: its key, and its record or null when it went to the dead letter. */
    private record Row(RowKey key, Envelope<GenericRecord> record) {}

    /** Reads one batch completely before anything is handed out, so a failure midway leaves no trace. */
    private List<Row> query() throws SQLException {
        if (connection == null) {
            Properties p = new Properties();
            p.putAll(source.connection());
            if (source.jdbcUrl().startsWith("jdbc:sqlserver:")) {
                p.putIfAbsent("sendTimeAsDatetime", "false"); // else a Timestamp binds as datetime (3.33 ms) and compares wrong
            }
            connection = DriverManager.getConnection(source.jdbcUrl(), p);
            connection.setReadOnly(true);
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(source.query(last == null))) {
            if (last != null) {
                last.bind(st);
            }
            Instant read = Instant.now();
            try (ResultSet rs = st.executeQuery()) {
                RowMapper mapper = new RowMapper(source.schema(), rs.getMetaData(), source.table());
                while (rs.next()) {
                    RowKey key = RowKey.of(source.incremental(), rs);
                    byte[] raw = RowMapper.describe(rs).getBytes(StandardCharsets.UTF_8);
                    Envelope<byte[]> env = Envelope.of(raw, null, EnvelopeHeaders.empty(), new Position.Log(source.name(), key.describe()), read, raw);
                    FailureHandler.Outcome<GenericRecord> mapped = failures.run(Stage.DESERIALIZE, component, env, () -> map(mapper, rs));
                    rows.add(new Row(key, mapped.succeeded() ? env.withValue(mapped.value()) : null));
                }
            }
        }
        return rows;
    }

    private GenericRecord map(RowMapper mapper, ResultSet rs) {
        try {
            return mapper.map(rs);
        } catch (SQLException e) {
            throw new RetriableException("reading a row of " + source.table() + ": " + e.getMessage(), e);
        }
    }

    private List<Envelope<GenericRecord>> accept(List<Row> rows) {
        List<Envelope<GenericRecord>> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.record() != null) {
                progress.read(r.record().position(), r.key());
                out.add(r.record());
            } else {
                progress.finished(r.key());
            }
            last = r.key();
        }
        progress.store();
        return out;
    }

    @Override
    public void commit(Collection<? extends Position> positions) {
        progress.commit(positions);
    }

    /** The next query starts after the last stored key: the rows read since are read again. */
    @Override
    public void rewind() {
        last = progress.rewind().orElse(initial);
        nextQueryAt = 0;
        log.info("JDBC source {} rewinds to after {}", source.name(), last == null ? "the beginning" : last.describe());
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the connection of {}: {}", source.name(), e.getMessage());
            }
            connection = null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeConnection();
            store.close();
        }
    }
}
