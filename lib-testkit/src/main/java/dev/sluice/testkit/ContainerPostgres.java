package dev.sluice.testkit;

import dev.sluice.embedded.PostgresService;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL 17 in a container, configured like the embedded one. */
final class ContainerPostgres implements PostgresService {

    static final String IMAGE = "postgres:17";

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerPostgres start() {
        PostgreSQLContainer c = new PostgreSQLContainer(IMAGE)
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "synchronous_commit=on",
                        "-c", "max_replication_slots=10", "-c", "max_wal_senders=10");
        c.start();
        return new ContainerPostgres(c);
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(5432);
    }

    @Override
    public String database() {
        return container.getDatabaseName();
    }

    @Override
    public void close() {
        container.stop();
    }
}
