package no.carerelay.accesschain;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one-row head of a chained table ({@code id = 1}, {@code last_id}, {@code last_hash}, {@code entries}; see a
 * service's access-log migration). Appending locks it first, which serialises writers so every entry links to the
 * one written just before it, and advances it in the same transaction as the entry.
 */
public final class ChainHeadTable {

    private final JdbcClient jdbc;
    private final String table;

    /** @param table the head table's name, a constant of the service (never caller input) */
    public ChainHeadTable(JdbcClient jdbc, String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.jdbc = jdbc;
        this.table = table;
    }

    /** The last hash, locked until the transaction ends: call inside the appending transaction, before the insert. */
    public String lockForAppend() {
        return jdbc.sql("SELECT last_hash FROM " + table + " WHERE id = 1 FOR UPDATE").query(String.class).single();
    }

    /** Records the entry just inserted as the chain's last. */
    public void advance(long id, String hash) {
        jdbc.sql("UPDATE " + table + " SET last_id = ?, last_hash = ?, entries = entries + 1 WHERE id = 1").params(id, hash).update();
    }

    public ChainHead read() {
        return jdbc.sql("SELECT last_id, last_hash, entries FROM " + table + " WHERE id = 1")
                .query((rs, row) -> new ChainHead((Long) rs.getObject(1), rs.getString(2), rs.getLong(3))).single();
    }
}
