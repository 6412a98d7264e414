package dev.sluice.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * SQL Server 2022 for tests, in Testcontainers only: SQL Server has no in-JVM or embedded form.
 * Tests that need it also run against {@link dev.sluice.embedded.PostgresService}, which runs everywhere; where no
 * Docker engine answers, {@link #start()} aborts the calling test (JUnit marks it skipped) with
 * the reason, so only the SQL Server variant is skipped.
 */
public final class MsSqlService implements AutoCloseable {

    static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04";

    private final MSSQLServerContainer container;

    private MsSqlService(MSSQLServerContainer container) {
        this.container = container;
    }

    public static MsSqlService start() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Docker.available(),
                "SQL Server runs only in Testcontainers and no Docker engine answers here");
        // The agent runs CDC's capture jobs; without it sp_cdc_enable_table succeeds and nothing is captured.
        MSSQLServerContainer c = new MSSQLServerContainer(IMAGE).acceptLicense().withEnv("MSSQL_AGENT_ENABLED", "true");
        c.start();
        return new MsSqlService(c);
    }

    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    public String host() {
        return container.getHost();
    }

    public int port() {
        return container.getMappedPort(MSSQLServerContainer.MS_SQL_SERVER_PORT);
    }

    public String username() {
        return container.getUsername();
    }

    public String password() {
        return container.getPassword();
    }

    /** A new connection; the caller closes it. Needs {@code com.microsoft.sqlserver:mssql-jdbc} on the classpath. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    @Override
    public void close() {
        container.stop();
    }
}
