package no.carerelay.accesschain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A service's {@code access_log} table with its one-row head {@code access_log_head} ({@code id = 1},
 * {@code last_id}, {@code last_hash}, {@code entries}; see each service's access-log migrations): appending to the
 * chain, walking it, and reading it for auditors. The service owns the table's other columns, its entry record and
 * which fields the hash covers; every log has {@code id}, {@code patient_pseudonym}, {@code prev_hash} and
 * {@code hash}. Call the methods inside the service's transactions.
 */
public final class ChainedAccessLog<E extends ChainedEntry> {

    public record Page<T>(List<T> items, long total) {
    }

    /** The largest page an auditor may ask for. */
    public static final int MAX_PAGE_SIZE = 200;
    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final JdbcClient jdbc;
    private final String columns;
    private final RowMapper<E> entries;

    /**
     * @param columns the select list {@code entries} reads, a constant of the service (never caller input)
     */
    public ChainedAccessLog(JdbcClient jdbc, String columns, RowMapper<E> entries) {
        this.jdbc = jdbc;
        this.columns = columns;
        this.entries = entries;
    }

    /**
     * The last hash, locked until the transaction ends: writers queue here, so every entry links to the one written
     * just before it. Call before the insert, then {@link #nextId()}, then {@link #advance} after it.
     */
    public String lockForAppend() {
        return jdbc.sql("SELECT last_hash FROM access_log_head WHERE id = 1 FOR UPDATE").query(String.class).single();
    }

    /** The id the next entry is inserted with (it is part of the hash, so it is drawn before the insert). */
    public long nextId() {
        return jdbc.sql("SELECT nextval('access_log_id_seq')").query(Long.class).single();
    }

    /** Records the entry just inserted as the chain's last. */
    public void advance(long id, String hash) {
        jdbc.sql("UPDATE access_log_head SET last_id = ?, last_hash = ?, entries = entries + 1 WHERE id = 1").params(id, hash).update();
    }

    public ChainHead head() {
        return jdbc.sql("SELECT last_id, last_hash, entries FROM access_log_head WHERE id = 1")
                .query((rs, row) -> new ChainHead((Long) rs.getObject(1), rs.getString(2), rs.getLong(3))).single();
    }

    /** Walks every chained entry (those written before the log was chained have no hash and are not part of it). */
    public ChainVerification verify() {
        List<ChainLink> chain = jdbc.sql("SELECT " + columns + " FROM access_log WHERE hash IS NOT NULL ORDER BY id").query(entries).stream()
                .map(entry -> new ChainLink(entry.id(), entry.prevHash(), entry.hash(), entry.matchesHash()))
                .toList();
        return ChainVerification.of(chain, head());
    }

    /**
     * Entries newest first, one page at a time.
     *
     * @param patientPseudonym only this patient's entries ("who looked at this patient"), or null for all
     */
    public Page<E> newestFirst(String patientPseudonym, int page, int size) {
        String where = " FROM access_log WHERE (CAST(:patient AS TEXT) IS NULL OR patient_pseudonym = :patient)";
        long total = jdbc.sql("SELECT count(*)" + where).param("patient", patientPseudonym).query(Long.class).single();
        List<E> items = jdbc.sql("SELECT " + columns + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("patient", patientPseudonym).param("limit", size).param("offset", (long) page * size)
                .query(entries).list();
        return new Page<>(items, total);
    }

    /**
     * What is wrong with an auditor's query, field by field (empty when nothing is), for the service's 400 problem.
     * The messages never repeat the value, which may be anything a caller typed (a national ID number, say).
     */
    public static Map<String, String> queryProblems(String patientPseudonym, int page, int size) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (patientPseudonym != null && !PSEUDONYM.matcher(patientPseudonym).matches()) {
            problems.put("patient", "must be a patient pseudonym: 16-64 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (page < 0) {
            problems.put("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.put("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return problems;
    }
}
