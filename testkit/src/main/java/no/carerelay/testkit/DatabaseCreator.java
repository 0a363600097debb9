package no.carerelay.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Creates each database once, on first request; shared by the embedded and the container server. */
final class DatabaseCreator {

    /** Plain lower-case identifiers: usable unquoted in SQL and in a JDBC URL, and no SQL injection. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    interface AdminConnection {
        Connection open() throws SQLException;
    }

    private final AdminConnection admin;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    DatabaseCreator(AdminConnection admin) {
        this.admin = admin;
    }

    void ensure(String database) {
        if (database == null || !NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database names are lower-case identifiers ([a-z][a-z0-9_]*): " + database);
        }
        if (created.contains(database)) {
            return;
        }
        synchronized (this) { // CREATE DATABASE cannot run in a transaction, so no IF NOT EXISTS race in SQL
            if (created.contains(database)) {
                return;
            }
            try (Connection connection = admin.open()) {
                boolean exists;
                try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    query.setString(1, database);
                    try (ResultSet result = query.executeQuery()) {
                        exists = result.next();
                    }
                }
                if (!exists) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
                created.add(database);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create database " + database, e);
            }
        }
    }
}
