package no.carerelay.accesschain;

import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads a service's {@code access_log} for auditors: newest first, one page at a time, optionally only the entries
 * that name one patient ("who looked at this patient"). Every service's log has {@code id} and
 * {@code patient_pseudonym}; which other columns it has, and how a row becomes an entry, is the service's.
 */
public final class AccessLogPages {

    public record Page<T>(List<T> items, long total) {
    }

    private AccessLogPages() {
    }

    /**
     * @param columns          the select list, a constant of the service (never caller input)
     * @param patientPseudonym only this patient's entries, or null for all
     */
    public static <T> Page<T> newestFirst(JdbcClient jdbc, String columns, RowMapper<T> entries, String patientPseudonym, int page, int size) {
        String where = " FROM access_log WHERE (CAST(:patient AS TEXT) IS NULL OR patient_pseudonym = :patient)";
        long total = jdbc.sql("SELECT count(*)" + where).param("patient", patientPseudonym).query(Long.class).single();
        List<T> items = jdbc.sql("SELECT " + columns + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("patient", patientPseudonym).param("limit", size).param("offset", (long) page * size)
                .query(entries).list();
        return new Page<>(items, total);
    }
}
