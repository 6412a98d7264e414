package dev.sluice.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL from zonky's embedded binaries (Maven Central), run as a child process on loopback. */
final class EmbeddedPostgresService implements PostgresService {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresService.class);

    private final EmbeddedPostgres postgres;
    /** The postmaster, which pg_ctl detaches: killed with the other child services on a halt (ChildProcesses.killAll). */
    private final ProcessHandle postmaster;

    private EmbeddedPostgresService(EmbeddedPostgres postgres, ProcessHandle postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
        if (postmaster != null) {
            ChildProcesses.track(postmaster);
        }
    }

    static EmbeddedPostgresService start() {
        try {
            // zonky unpacks its binaries into, and creates its parent directory under, java.io.tmpdir/embedded-pg unless its
            // own property says otherwise: a cache kept between runs, beside the registry's, not in the run's temp directory.
            System.getProperties().putIfAbsent("ot.epg.working-dir", Path.of(System.getProperty("user.home"), ".cache", "sluice", "embedded-pg").toString());
            Path data = Files.createTempDirectory("sluice-postgres-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    // The database's own files: a directory of its own, removed on close (zonky's default sits under a shared one it leaves).
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    // Without it a logical decoding client waits ~500 ms for each change.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            log.info("Embedded PostgreSQL at 127.0.0.1:{}", pg.getPort());
            return new EmbeddedPostgresService(pg, postmaster(data));
        } catch (IOException e) {
            throw new IllegalStateException("could not start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The postmaster's process, from the first line of {@code postmaster.pid}; null if that cannot be read. */
    private static ProcessHandle postmaster(Path data) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim())).orElse(null);
        } catch (IOException | RuntimeException e) {
            log.debug("no postmaster pid in {}: {}", data, e.toString());
            return null;
        }
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String database() {
        return "postgres";
    }

    @Override
    public void close() {
        if (postmaster != null) {
            ChildProcesses.untrack(postmaster);
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
