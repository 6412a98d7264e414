package dev.sluice.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL: zonky's embedded binaries in a child process here; lib-testkit adds a container
 * where Docker exists. Started with {@code wal_level=logical} (for CDC) and {@code synchronous_commit=on}.
 */
public interface PostgresService extends AutoCloseable {

    String jdbcUrl();

    String username();

    String password();

    String host();

    int port();

    String database();

    /** zonky's PostgreSQL binaries in a child process. */
    static PostgresService start() {
        return EmbeddedPostgresService.start();
    }

    /** A new connection; the caller closes it. */
    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    @Override
    void close();
}
