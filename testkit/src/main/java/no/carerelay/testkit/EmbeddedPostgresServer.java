package no.carerelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server, started by the test JVM as a child process from the binaries jar on the classpath
 * (unpacked once to {@code java.io.tmpdir/embedded-pg}). As root, zonky runs it in a user namespace
 * ({@code unshare -U}), since PostgreSQL refuses to run as root.
 */
final class EmbeddedPostgresServer implements PostgresServer {

    private static final String USER = "postgres"; // initdb -U postgres, trust authentication on localhost

    private final EmbeddedPostgres postgres;
    private final DatabaseCreator databases;

    EmbeddedPostgresServer() {
        try {
            postgres = EmbeddedPostgres.builder()
                    // a throw-away server: crash safety buys nothing and costs every commit an fsync
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    // four services with connection pools (and the end-to-end test runs them all in one JVM)
                    .setServerConfig("max_connections", "300")
                    .setRegisterShutdownHook(false) // TestInfrastructure registers the one hook that stops it
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        databases = new DatabaseCreator(() -> postgres.getPostgresDatabase().getConnection());
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        databases.ensure(database);
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return "postgres"; // ignored (trust), but Spring and Flyway like a non-empty one
    }

    void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting; a server that does not stop cleanly must not hide the test result
        }
    }
}
