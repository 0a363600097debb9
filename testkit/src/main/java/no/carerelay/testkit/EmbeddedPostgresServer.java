package no.carerelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL 17 server (binaries from Maven Central) started by the test JVM as a child process. */
final class EmbeddedPostgresServer implements PostgresServer {

    private final EmbeddedPostgres postgres;
    private final DatabaseCreator databases;

    EmbeddedPostgresServer() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off") // tests need real SQL, not crash safety of the test server itself
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        databases = new DatabaseCreator(this::admin);
    }

    private Connection admin() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    @Override
    public String jdbcUrl(String database) {
        databases.ensure(database);
        return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates databases once each; shared by the embedded and the container server. */
    static final class DatabaseCreator {

        interface Admin {
            Connection connect() throws SQLException;
        }

        private final Admin admin;
        private final java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();

        DatabaseCreator(Admin admin) {
            this.admin = admin;
        }

        synchronized void ensure(String database) {
            if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("database names are lower-case identifiers: " + database);
            }
            if (created.contains(database)) {
                return;
            }
            try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
                var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
                created.add(database);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create database " + database, e);
            }
        }
    }
}
