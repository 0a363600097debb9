package no.carerelay.testkit;

/** A running PostgreSQL server; each service gets its own database in it. */
public interface PostgresServer {

    /** The JDBC URL of {@code database}, created on first request. */
    String jdbcUrl(String database);

    String username();

    String password();
}
